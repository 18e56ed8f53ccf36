package io.github.dbbackup.core;

import java.util.Locale;

/**
 * How parts are compressed; recorded in the manifest by {@link #id()}.
 *
 * @since 0.1
 */
public enum Codec {
    /** gzip (RFC 1952), the default: readable with {@code zcat} everywhere. */
    GZIP("gzip", ".json.gz"),
    /** No compression, for debugging and for stores that compress themselves. */
    NONE("none", ".json");

    private final String id;
    private final String extension;

    Codec(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /**
     * Returns the name recorded in the manifest.
     *
     * @return {@code gzip} or {@code none}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the file extension of parts written with this codec.
     *
     * @return {@code .json.gz} or {@code .json}
     */
    public String extension() {
        return extension;
    }

    /**
     * Finds a codec by its manifest name.
     *
     * @param id the name, case-insensitive
     * @return the codec
     * @throws IllegalArgumentException naming the supported codecs when {@code id} is unknown
     */
    public static Codec fromId(String id) {
        for (Codec codec : values()) {
            if (codec.id.equals(id.toLowerCase(Locale.ROOT))) {
                return codec;
            }
        }
        throw new IllegalArgumentException("codec '" + id + "' is not supported; supported codecs are gzip and none");
    }
}
