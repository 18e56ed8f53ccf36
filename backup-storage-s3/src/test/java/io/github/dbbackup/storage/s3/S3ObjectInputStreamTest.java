package io.github.dbbackup.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** When the stream of an opened blob aborts its download, and how SDK failures reach the reader. */
class S3ObjectInputStreamTest {

    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    @Test
    void closingBeforeTheEndAbortsTheDownloadAndClosesTheResponse() throws IOException {
        try (InputStream in = open(content("0123456789"))) {
            assertThat(in.read(new byte[4])).isEqualTo(4);
        }

        assertThat(aborts).hasValue(1);
        assertThat(closes).hasPositiveValue();
    }

    @Test
    void closingAfterTheEndKeepsTheConnectionForReuse() throws IOException {
        byte[] read;
        try (InputStream in = open(content("0123456789"))) {
            read = in.readAllBytes();
        }

        assertThat(new String(read, UTF_8)).isEqualTo("0123456789");
        assertThat(aborts).hasValue(0);
        assertThat(closes).hasPositiveValue();
    }

    @Test
    void theEndSeenByASingleByteReadCountsToo() throws IOException {
        try (InputStream in = open(content("ab"))) {
            assertThat(in.read()).isEqualTo('a');
            assertThat(in.read()).isEqualTo('b');
            assertThat(in.read()).isEqualTo(-1);
        }

        assertThat(aborts).hasValue(0);
    }

    @Test
    void turnsAnSdkFailureWhileReadingIntoAnIOExceptionWithTheSdkExceptionAsCause() throws IOException {
        SdkClientException reset = SdkClientException.create("Connection reset (injected)");
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw reset;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw reset;
            }
        };

        try (InputStream in = open(failing)) {
            assertThatThrownBy(() -> in.read(new byte[8])).isInstanceOf(IOException.class).hasCause(reset)
                    .hasMessage("SdkClientException: Connection reset (injected)");
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCause(reset);
        }

        assertThat(aborts).as("a download that failed midway is aborted on close").hasValue(1);
    }

    @Test
    void turnsAnSdkFailureWhileClosingIntoAnIOException() {
        SdkClientException broken = SdkClientException.create("pool shut down (injected)");
        InputStream failingClose = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                throw broken;
            }
        };
        InputStream in = new S3ObjectInputStream(new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(failingClose, aborts::incrementAndGet)));

        assertThatThrownBy(in::close).isInstanceOf(IOException.class).hasCause(broken);
    }

    private InputStream open(InputStream content) {
        InputStream recordingClose = new FilterInputStream(content) {
            @Override
            public void close() throws IOException {
                closes.incrementAndGet();
                super.close();
            }
        };
        return new S3ObjectInputStream(new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(recordingClose, aborts::incrementAndGet)));
    }

    private static InputStream content(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }
}
