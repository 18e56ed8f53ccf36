package io.github.dbbackup.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How the parts of a set are compressed; recorded in the manifest by {@link #id()} (docs/FORMAT.md
 * §3). Built in: {@link io.github.dbbackup.core.Codecs#GZIP} (the default) and {@link io.github.dbbackup.core.Codecs#NONE}. Other codecs come from modules that
 * register a {@link io.github.dbbackup.core.spi.CodecProvider}, such as zstd from
 * {@code io.github.dbbackup:backup-codec-zstd}; {@link io.github.dbbackup.core.Codecs#byId(String)} finds them.
 *
 * <p>Implementations are immutable and thread-safe: one instance compresses and decompresses any
 * number of streams at once. A codec is part of the format: its id, its stream format and its key
 * extension never change once sets with it exist.
 *
 * @since 0.1
 */
public interface Codec {


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
}
