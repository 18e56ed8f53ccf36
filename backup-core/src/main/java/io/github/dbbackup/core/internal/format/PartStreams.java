package io.github.dbbackup.core.internal.format;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Opens a part for reading with its integrity checked while it streams: the stored bytes' SHA-256
 * and size are compared with the manifest when the stream reaches its end (so a reader that reads
 * to the end — {@link PartReader} does — fails on any flipped byte, before its last row is
 * accepted).
 */
public final class PartStreams {

    private PartStreams() {
    }

    /**
     * Opens a part: checked raw bytes, then decompressed. The caller must close the stream.
     *
     * <p>Failures: a store that fails while the part streams surfaces as the store's own
     * {@link IOException}, unchanged; compressed data that does not decompress (corrupt or truncated)
     * is a {@link BackupFormatException} naming the part; so is a size or SHA-256 mismatch, found
     * when the stored bytes end.
     *
     * @param store the store
     * @param part the part as the manifest records it
     * @param codec the set's codec
     * @return the decompressed content
     * @throws io.github.dbbackup.core.BlobNotFoundException when the part is missing
     * @throws BackupFormatException when the part does not start like data of {@code codec}
     */
    public static InputStream open(BlobStore store, PartInfo part, Codec codec) {
        InputStream raw = store.open(part.key());
        CheckedInputStream checked = new CheckedInputStream(raw, part);
        InputStream decompressed;
        try {
            decompressed = codec.decompress(checked);
        } catch (IOException e) {
            closeQuietly(checked);
            if (checked.failure != null) {
                throw new BackupStorageException(part.key(), "Reading part '" + part.key() + "' from "
                        + store.describe() + " failed: " + checked.failure.getMessage(), checked.failure);
            }
            throw new BackupFormatException(part.key(), "Part '" + part.key() + "' is not " + codec.id() + " data ("
                    + e.getMessage() + "); it is corrupt: restore from another backup set or re-run the backup", e);
        } catch (RuntimeException e) {
            closeQuietly(checked);
            throw e;
        }
        return new DecompressedPart(decompressed, checked, part, codec);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * Translates decompression failures into format errors naming the part, and lets the store's own
     * failures through unchanged. At the end of the compressed data it reads the raw stream to its
     * end: a decompressor may stop at the end of its data without asking for more (gzip does at its
     * trailer), so without this the raw stream's SHA-256 and size would never be checked (and bytes
     * the decompressor ignores — gzip's header MTIME/OS/FTEXT, data after the end — could change
     * unnoticed).
     */
    private static final class DecompressedPart extends FilterInputStream {
        private final CheckedInputStream raw;
        private final PartInfo part;
        private final Codec codec;

        DecompressedPart(InputStream decompressed, CheckedInputStream raw, PartInfo part, Codec codec) {
            super(decompressed);
            this.raw = raw;
            this.part = part;
            this.codec = codec;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(buf, off, len);
            } catch (IOException e) {
                if (raw.failure != null) {
                    throw raw.failure; // the store failed, not the data
                }
                throw new BackupFormatException(part.key(), "Part '" + part.key() + "' does not decompress as "
                        + codec.id() + " (" + e.getMessage() + "); it is truncated or corrupt: restore from another"
                        + " backup set", e);
            }
            if (n < 0) {
                raw.drain();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return skipByReading(this, n);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * Skips by reading, so that skipped bytes are still hashed, counted and checked like read ones
     * (a stream's own {@code skip} could pass over them unseen).
     */
    private static long skipByReading(InputStream in, long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /**
     * Hashes and counts raw bytes; at end of stream compares with the manifest. Remembers the last
     * {@link IOException} the store's stream threw, so that it is not mistaken for corrupt data.
     */
    private static final class CheckedInputStream extends FilterInputStream {
        private final PartInfo part;
        private final MessageDigest digest;
        private long count;
        private boolean checked;
        private IOException failure;

        CheckedInputStream(InputStream in, PartInfo part) {
            super(in);
            this.part = part;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (b < 0) {
                check();
            } else {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n < 0) {
                check();
            } else {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return skipByReading(this, n);
        }

        @Override
        public int available() throws IOException {
            try {
                return in.available();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Reads what remains, so that the size and SHA-256 are checked. */
        void drain() throws IOException {
            byte[] rest = new byte[8192];
            while (read(rest, 0, rest.length) >= 0) {
                // counted and hashed; checked at the end
            }
        }

        private void check() {
            if (checked) {
                return;
            }
            checked = true;
            if (count != part.bytes()) {
                throw new BackupFormatException(part.key(), "Part '" + part.key() + "' has " + count
                        + " bytes but the manifest records " + part.bytes()
                        + "; it is truncated or corrupt: restore from another backup set or re-run the backup");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(part.sha256())) {
                throw new BackupFormatException(part.key(), "Part '" + part.key() + "' failed its SHA-256 check (expected "
                        + part.sha256().substring(0, 12) + "…, got " + actual.substring(0, 12)
                        + "…); the set is corrupt: restore from an older set or re-run the backup");
            }
        }
    }
}
