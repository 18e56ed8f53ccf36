package io.github.dbbackup.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The content of a {@code GetObject} answer as {@link io.github.dbbackup.core.spi.BlobStore#open}
 * returns it: the SDK's unchecked exceptions while reading or closing become {@link IOException}s
 * (with the SDK's as cause), and closing before the end aborts the download instead of reading the
 * rest just to reuse the connection. No retries of its own: the SDK's apply to the request only.
 */
final class S3ObjectInputStream extends FilterInputStream {

    private final ResponseInputStream<GetObjectResponse> response;
    private boolean atEnd;

    S3ObjectInputStream(ResponseInputStream<GetObjectResponse> response) {
        super(response);
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            atEnd |= b < 0;
            return b;
        } catch (SdkException e) {
            throw new IOException(S3Failures.summary(e), e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            atEnd |= n < 0;
            return n;
        } catch (SdkException e) {
            throw new IOException(S3Failures.summary(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!atEnd) {
            response.abort(); // do not download the rest just to reuse the connection
        }
        try {
            super.close();
        } catch (SdkException e) {
            throw new IOException(S3Failures.summary(e), e);
        }
    }
}
