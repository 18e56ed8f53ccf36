package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.spi.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/** Pseudo-random content that tests write and check without keeping it. */
final class TestData {

    private TestData() {
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code size} pseudo-random bytes in 64 KiB chunks without holding them. */
    static BlobWriter stream(long size, long seed) {
        return out -> write(out, size, seed);
    }

    static void write(OutputStream out, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[64 * 1024];
        for (long left = size; left > 0; ) {
            random.nextBytes(chunk);
            int n = (int) Math.min(left, chunk.length);
            out.write(chunk, 0, n);
            left -= n;
        }
    }

    /** The SHA-256 of what {@link #stream(long, long)} writes. */
    static byte[] sha256OfStream(long size, long seed) {
        MessageDigest digest = digest("SHA-256");
        try {
            write(new OutputStream() {
                @Override
                public void write(int b) {
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    digest.update(b, off, len);
                }
            }, size, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digest.digest();
    }

    static byte[] sha256(InputStream in) throws IOException {
        MessageDigest digest = digest("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    static String base64(String algorithm, byte[] bytes, int off, int len) {
        MessageDigest digest = digest(algorithm);
        digest.update(bytes, off, len);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
