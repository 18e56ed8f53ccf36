package io.github.dbbackup.core.internal.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Computes the SHA-256 and size of what passes through. {@link #close()} does not close the target. */
public final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    /**
     * Wraps a stream.
     *
     * @param out the stream; stays open
     */
    public HashingOutputStream(OutputStream out) {
        super(out);
        this.digest = sha256();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /**
     * Returns the bytes written.
     *
     * @return the count
     */
    public long count() {
        return count;
    }

    /**
     * Returns the SHA-256 of what was written, in lowercase hex. Call once, at the end.
     *
     * @return 64 hex digits
     */
    public String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
