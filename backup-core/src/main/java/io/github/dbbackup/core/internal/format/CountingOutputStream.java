package io.github.dbbackup.core.internal.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes written through it. Does not close the wrapped stream. */
public final class CountingOutputStream extends FilterOutputStream {
    private long count;

    /**
     * Wraps a stream.
     *
     * @param out the stream
     */
    public CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /**
     * Returns the number of bytes written.
     *
     * @return bytes
     */
    public long count() {
        return count;
    }
}
