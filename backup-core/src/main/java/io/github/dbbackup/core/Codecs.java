package io.github.dbbackup.core;

import io.github.dbbackup.core.internal.codec.CodecRegistry;
import io.github.dbbackup.core.spi.Codec;

/**
 * The codecs a set's parts can be compressed with: the built-in {@link #GZIP} (the default) and
 * {@link #NONE}, and any other a {@link io.github.dbbackup.core.spi.CodecProvider} on the class path
 * or module path registers, found with {@link #byId(String)} (zstd comes from
 * {@code io.github.dbbackup:backup-codec-zstd}).
 *
 * @since 0.2
 */
public final class Codecs {

    /** gzip (RFC 1952), the default: readable with {@code zcat} everywhere. Levels 1 to 9, default 6. */
    public static final Codec GZIP = CodecRegistry.GZIP;

    /** No compression, for debugging and for stores that compress themselves. No levels (only 0). */
    public static final Codec NONE = CodecRegistry.NONE;

    private Codecs() {
    }

    /**
     * Finds a codec by the id a manifest records.
     *
     * @param id the codec's id, case-insensitive ({@code gzip}, {@code none}, {@code zstd}, …)
     * @return the only codec with that id
     * @throws IllegalArgumentException when no codec, or more than one, has that id, naming the
     *     known codecs and the module to add
     */
    public static Codec byId(String id) {
        return CodecRegistry.find(id);
    }
}
