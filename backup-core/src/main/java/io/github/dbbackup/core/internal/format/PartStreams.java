package io.github.dbbackup.core.internal.format;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.Codec;
import io.github.dbbackup.core.PartInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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
     * @param store the store
     * @param part the part as the manifest records it
     * @param codec the set's codec
     * @return the decompressed content
     * @throws io.github.dbbackup.core.BlobNotFoundException when the part is missing
     */
    public static InputStream open(BlobStore store, PartInfo part, Codec codec) {
        InputStream raw = store.open(part.key());
        InputStream checked = new CheckedInputStream(raw, part);
        if (codec == Codec.NONE) {
            return checked;
        }
        try {
            return new GzipPart(checked, part);
        } catch (IOException e) {
            closeQuietly(checked);
            throw new BackupFormatException(part.key(), "Part '" + part.key() + "' is not gzip data (" + e.getMessage()
                    + "); it is corrupt: restore from another backup set or re-run the backup", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * Translates gzip failures into format errors naming the part. At the end of the gzip data it
     * reads the raw stream to its end: {@link GZIPInputStream} stops at the gzip trailer without
     * asking for more, so without this the raw stream's SHA-256 and size would never be checked (and
     * bytes gzip ignores — header MTIME/OS/FTEXT, data after the trailer — could change unnoticed).
     */
    private static final class GzipPart extends GZIPInputStream {
        private final PartInfo part;

        GzipPart(InputStream in, PartInfo part) throws IOException {
            super(in, 64 * 1024);
            this.part = part;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(buf, off, len);
            } catch (ZipException | java.io.EOFException e) {
                throw new BackupFormatException(part.key(), "Part '" + part.key() + "' does not decompress ("
                        + e.getMessage() + "); it is truncated or corrupt: restore from another backup set", e);
            }
            if (n < 0) {
                byte[] rest = new byte[8192];
                while (in.read(rest, 0, rest.length) >= 0) {
                    // counted and hashed by CheckedInputStream, which checks both at the end
                }
            }
            return n;
        }
    }

    /** Hashes and counts raw bytes; at end of stream compares with the manifest. */
    private static final class CheckedInputStream extends FilterInputStream {
        private final PartInfo part;
        private final MessageDigest digest;
        private long count;
        private boolean checked;

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
            int b = in.read();
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
            int n = in.read(b, off, len);
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
            byte[] buf = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
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
