package io.github.dbbackup.core;

import io.github.dbbackup.core.internal.Codecs;
import io.github.dbbackup.core.internal.GzipCodec;
import io.github.dbbackup.core.internal.UncompressedCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How the parts of a set are compressed; recorded in the manifest by {@link #id()} (docs/FORMAT.md
 * §3). Built in: {@link #GZIP} (the default) and {@link #NONE}. Other codecs come from modules that
 * register a {@link io.github.dbbackup.core.spi.CodecProvider}, such as zstd from
 * {@code io.github.dbbackup:backup-codec-zstd}; {@link #fromId(String)} finds them.
 *
 * <p>Implementations are immutable and thread-safe: one instance compresses and decompresses any
 * number of streams at once. A codec is part of the format: its id, its stream format and its key
 * extension never change once sets with it exist.
 *
 * @since 0.1
 */
public interface Codec {

    /** gzip (RFC 1952), the default: readable with {@code zcat} everywhere. Levels 1 to 9, default 6. */
    Codec GZIP = new GzipCodec();

    /** No compression, for debugging and for stores that compress themselves. No levels (only 0). */
    Codec NONE = new UncompressedCodec();

    /**
     * Returns the name recorded in the manifest: lower case, stable forever.
     *
     * @return e.g. {@code gzip}, {@code none} or {@code zstd}
     */
    String id();

    /**
     * Returns the file extension of parts written with this codec.
     *
     * @return e.g. {@code .json.gz}, {@code .json} or {@code .json.zst}
     */
    String extension();

    /**
     * Returns the fastest level {@link #compress} accepts.
     *
     * @return the lowest level
     */
    int minLevel();

    /**
     * Returns the level that compresses smallest.
     *
     * @return the highest level, at least {@link #minLevel()}
     */
    int maxLevel();

    /**
     * Returns the level used when the host sets none.
     *
     * @return a level between {@link #minLevel()} and {@link #maxLevel()}
     */
    int defaultLevel();

    /**
     * Wraps a stream so that what is written to the wrapper reaches {@code out} compressed. Closing
     * the wrapper finishes the compressed data and closes {@code out}; a wrapper that is not closed
     * leaves incomplete data behind (and, for codecs with native state, leaks it until closed).
     *
     * @param out where the compressed bytes go
     * @param level a level between {@link #minLevel()} and {@link #maxLevel()}
     * @return the stream to write the uncompressed bytes to; the caller must close it
     * @throws IOException when {@code out} fails while the wrapper starts
     */
    OutputStream compress(OutputStream out, int level) throws IOException;

    /**
     * Wraps a stream of compressed bytes. The wrapper returns the uncompressed bytes and then
     * {@code -1} exactly at the end of the compressed data; it throws an {@link IOException} when the
     * data is corrupt or ends early. It may read {@code in} ahead but need not read it to its end.
     * Closing the wrapper closes {@code in}.
     *
     * @param in the compressed bytes
     * @return the uncompressed bytes; the caller must close the stream
     * @throws IOException when {@code in} fails or does not start like this codec's data
     */
    InputStream decompress(InputStream in) throws IOException;

    /**
     * Finds a codec by its manifest name: the built-in ones, then those that
     * {@link io.github.dbbackup.core.spi.CodecProvider}s registered in
     * {@code META-INF/services/io.github.dbbackup.core.spi.CodecProvider} create (looked up anew on
     * each call, with this library's class loader; a provider that fails is logged and skipped).
     *
     * @param id the name, case-insensitive
     * @return the codec
     * @throws IllegalArgumentException when no codec or several codecs have that name; the message
     *     names the known codecs and the module that provides a known but missing one (zstd:
     *     {@code io.github.dbbackup:backup-codec-zstd})
     */
    static Codec fromId(String id) {
        return Codecs.find(id);
    }
}
