package io.github.dbbackup.core.internal.codec;

import io.github.dbbackup.core.spi.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** {@link io.github.dbbackup.core.Codecs#GZIP}: one gzip member per part, through {@code java.util.zip}. */
public final class GzipCodec implements Codec {
    private static final int BUFFER = 64 * 1024;

    @Override
    public String id() {
        return "gzip";
    }

    @Override
    public String extension() {
        return ".json.gz";
    }

    @Override
    public int minLevel() {
        return 1;
    }

    @Override
    public int maxLevel() {
        return 9;
    }

    /** Returns 6, zlib's default and {@code pg_dump}'s. */
    @Override
    public int defaultLevel() {
        return 6;
    }

    @Override
    public OutputStream compress(OutputStream out, int level) throws IOException {
        return new LeveledGzipOutputStream(out, level);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new GZIPInputStream(in, BUFFER);
    }

    @Override
    public String toString() {
        return id();
    }

    /** gzip at a chosen level (the JDK's stream only offers the default). */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }
}
