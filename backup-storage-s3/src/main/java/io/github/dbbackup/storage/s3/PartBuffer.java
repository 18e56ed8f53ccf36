package io.github.dbbackup.storage.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * The bytes of one part (or of a whole small blob) in memory, with their digest. Held in chunks
 * allocated on demand, so a small blob costs a few KiB and never the whole part size; chunks are
 * kept by {@link #reset()} for the next part of the same upload. Never holds more than its
 * capacity. Written by one thread; read (possibly several times, for retries) by the SDK after
 * writing ended.
 */
final class PartBuffer {

    private static final int FIRST_CHUNK = 8 * 1024;
    private static final int MAX_CHUNK = 1024 * 1024;

    private final long capacity;
    private final MessageDigest digest;
    private final List<byte[]> chunks = new ArrayList<>();
    private long allocated;
    /** Index of the chunk being written, -1 before the first write. */
    private int chunk = -1;
    private int position;
    private long size;

    /**
     * Creates an empty buffer.
     *
     * @param capacity the most bytes it holds
     * @param digestAlgorithm the digest computed over the bytes, {@code SHA-256} or {@code MD5}
     */
    PartBuffer(long capacity, String digestAlgorithm) {
        this.capacity = capacity;
        try {
            this.digest = MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + digestAlgorithm, e);
        }
    }

    long size() {
        return size;
    }

    long remaining() {
        return capacity - size;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** Bytes allocated for chunks; never more than the capacity. */
    long allocated() {
        return allocated;
    }

    void write(int b) {
        if (isFull()) {
            throw new IllegalStateException("part buffer is full");
        }
        ensureRoom();
        chunks.get(chunk)[position++] = (byte) b;
        digest.update((byte) b);
        size++;
    }

    /** Copies {@code len} bytes, which must fit ({@code len <= remaining()}). */
    void write(byte[] b, int off, int len) {
        if (len > remaining()) {
            throw new IllegalStateException("part buffer has room for " + remaining() + " bytes, not " + len);
        }
        digest.update(b, off, len);
        while (len > 0) {
            ensureRoom();
            byte[] current = chunks.get(chunk);
            int n = Math.min(len, current.length - position);
            System.arraycopy(b, off, current, position, n);
            position += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    /** Returns the digest of the bytes written since the last reset, and resets the digest. */
    byte[] finishDigest() {
        return digest.digest();
    }

    /** Empties the buffer for reuse, keeping the chunks already allocated. */
    void reset() {
        chunk = -1;
        position = 0;
        size = 0;
        digest.reset();
    }

    /** Returns what the SDK reads the content through; each stream starts at the first byte. */
    ContentStreamProvider contentProvider() {
        long length = size;
        return () -> new ChunksInputStream(chunks, length);
    }

    private void ensureRoom() {
        if (chunk >= 0 && position < chunks.get(chunk).length) {
            return;
        }
        chunk++;
        position = 0;
        if (chunk == chunks.size()) {
            // Doubling chunk sizes: few allocations for big parts, little waste for small blobs.
            long wanted = Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, allocated));
            int length = (int) Math.min(wanted, capacity - allocated);
            chunks.add(new byte[length]);
            allocated += length;
        }
    }

    /** Reads the first {@code length} bytes of a list of chunks. */
    private static final class ChunksInputStream extends InputStream {
        private final List<byte[]> chunks;
        private long remaining;
        private int chunk;
        private int position;

        ChunksInputStream(List<byte[]> chunks, long length) {
            this.chunks = chunks;
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            advance();
            remaining--;
            return chunks.get(chunk)[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            advance();
            byte[] current = chunks.get(chunk);
            int n = (int) Math.min(Math.min(len, current.length - position), remaining);
            System.arraycopy(current, position, b, off, n);
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = 0;
            while (skipped < n && remaining > 0) {
                advance();
                int step = (int) Math.min(Math.min(n - skipped, chunks.get(chunk).length - position), remaining);
                position += step;
                remaining -= step;
                skipped += step;
            }
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, remaining);
        }

        private void advance() {
            while (position == chunks.get(chunk).length) {
                chunk++;
                position = 0;
            }
        }
    }
}
