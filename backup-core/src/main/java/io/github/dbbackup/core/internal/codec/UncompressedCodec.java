package io.github.dbbackup.core.internal.codec;

import io.github.dbbackup.core.spi.Codec;
import java.io.InputStream;
import java.io.OutputStream;

/** {@link io.github.dbbackup.core.Codecs#NONE}: the part documents as they are; the only level is 0. */
public final class UncompressedCodec implements Codec {

    @Override
    public String id() {
        return "none";
    }

    @Override
    public String extension() {
        return ".json";
    }

    @Override
    public int minLevel() {
        return 0;
    }

    @Override
    public int maxLevel() {
        return 0;
    }

    @Override
    public int defaultLevel() {
        return 0;
    }

    /** Returns {@code out} itself. */
    @Override
    public OutputStream compress(OutputStream out, int level) {
        return out;
    }

    /** Returns {@code in} itself. */
    @Override
    public InputStream decompress(InputStream in) {
        return in;
    }

    @Override
    public String toString() {
        return id();
    }
}
