package io.github.dbbackup.codec.zstd;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.github.luben.zstd.util.Native;
import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.spi.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The {@code zstd} codec (format 1.1, docs/FORMAT.md §3): each part is one Zstandard frame (RFC 8878)
 * with a content checksum, key extension {@code .json.zst}; levels 1 (fastest) to 19 (smallest),
 * default 3. Through zstd-jni, whose jar bundles the native library for the common platforms.
 *
 * <p>Found by {@link io.github.dbbackup.core.Codecs#byId(String) Codecs.byId("zstd")} when this jar is on the class path,
 * which is how readers recognise zstd sets; hosts that write them pass it explicitly:
 *
 * <pre>{@code
 * Backups.builder()...codec(ZstdCodec.create()).compressionLevel(3).build();
 * }</pre>
 *
 * <p>Compression uses one thread per part (the backup's compression thread); zstd's own worker
 * threads are not used: measured on 2 cores they made backups no faster (see the module README).
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ZstdCodec implements Codec {

    /** The id recorded in manifests. */
    public static final String ID = "zstd";

    /** The fastest level accepted. */
    public static final int MIN_LEVEL = 1;

    /** The smallest-output level accepted (20 to 22 need far more memory to decompress, and are refused). */
    public static final int MAX_LEVEL = 19;

    /** The default level, zstd's own. */
    public static final int DEFAULT_LEVEL = 3;

    private ZstdCodec() {
    }

    /**
     * Returns the codec, once zstd-jni's native library is loaded.
     *
     * @return the codec
     * @throws BackupConfigurationException when the native library does not load on this platform
     *     (zstd-jni unpacks it into {@code java.io.tmpdir}, which must allow executing it)
     */
    public static ZstdCodec create() {
        try {
            Native.load();
        } catch (LinkageError | RuntimeException e) {
            throw new BackupConfigurationException("Codec zstd cannot run on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": zstd-jni's native library did not load (" + e + "). It is"
                    + " unpacked into java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + "), which must allow"
                    + " executing it; or back up with gzip");
        }
        return new ZstdCodec();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String extension() {
        return ".json.zst";
    }

    @Override
    public int minLevel() {
        return MIN_LEVEL;
    }

    @Override
    public int maxLevel() {
        return MAX_LEVEL;
    }

    @Override
    public int defaultLevel() {
        return DEFAULT_LEVEL;
    }

    /**
     * Starts one zstd frame with a content checksum; closing the stream ends the frame and closes
     * {@code out}, and frees the native compressor.
     *
     * @throws IllegalArgumentException when {@code level} is outside 1 to 19
     */
    @Override
    public OutputStream compress(OutputStream out, int level) throws IOException {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("zstd level " + level + " is outside " + MIN_LEVEL + " to " + MAX_LEVEL);
        }
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, level);
        try {
            zstd.setChecksum(true);
        } catch (IOException | RuntimeException e) {
            zstd.close();
            throw e;
        }
        return zstd;
    }

    /**
     * Decompresses zstd frames; truncated or corrupt data (a failed content checksum included), and
     * anything after the last frame that is not a frame, throw an {@link IOException}. Closing the
     * stream closes {@code in} and frees the native decompressor.
     */
    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new ZstdInputStreamNoFinalizer(in);
    }

    @Override
    public String toString() {
        return ID;
    }
}
