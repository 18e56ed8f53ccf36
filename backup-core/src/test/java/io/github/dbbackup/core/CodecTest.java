package io.github.dbbackup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.spi.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

    /** Text that compresses (repetitive JSON) followed by bytes that do not (random). */
    private static byte[] sample() {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            json.append("{\"id\":").append(i).append(",\"email\":\"user").append(i).append("@example.com\"},");
        }
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[70_000];
        new Random(42).nextBytes(noise);
        byte[] all = Arrays.copyOf(text, text.length + noise.length);
        System.arraycopy(noise, 0, all, text.length, noise.length);
        return all;
    }

    private static byte[] compress(Codec codec, int level, byte[] data) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = codec.compress(stored, level)) {
            out.write(data, 0, 1000);
            out.write(data[1000]);
            out.write(data, 1001, data.length - 1001);
        }
        return stored.toByteArray();
    }

    private static byte[] decompress(Codec codec, byte[] stored) throws IOException {
        try (InputStream in = codec.decompress(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipRoundTripsAtEveryLevelAndCompresses() throws IOException {
        byte[] data = sample();
        for (int level = Codecs.GZIP.minLevel(); level <= Codecs.GZIP.maxLevel(); level++) {
            byte[] stored = compress(Codecs.GZIP, level, data);

            assertThat(stored).as("level %d", level).startsWith(0x1f, 0x8b).hasSizeLessThan(data.length);
            assertThat(decompress(Codecs.GZIP, stored)).as("level %d", level).isEqualTo(data);
        }
    }

    @Test
    void noneStoresTheBytesAsTheyAre() throws IOException {
        byte[] data = sample();

        byte[] stored = compress(Codecs.NONE, Codecs.NONE.defaultLevel(), data);

        assertThat(stored).isEqualTo(data);
        assertThat(decompress(Codecs.NONE, stored)).isEqualTo(data);
    }

    @Test
    void builtInCodecsDescribeThemselves() {
        assertThat(Codecs.GZIP.id()).isEqualTo("gzip");
        assertThat(Codecs.GZIP.extension()).isEqualTo(".json.gz");
        assertThat(new int[] {Codecs.GZIP.minLevel(), Codecs.GZIP.defaultLevel(), Codecs.GZIP.maxLevel()})
                .containsExactly(1, Backups.DEFAULT_COMPRESSION_LEVEL, 9);
        assertThat(Codecs.NONE.id()).isEqualTo("none");
        assertThat(Codecs.NONE.extension()).isEqualTo(".json");
        assertThat(new int[] {Codecs.NONE.minLevel(), Codecs.NONE.defaultLevel(), Codecs.NONE.maxLevel()})
                .containsExactly(0, 0, 0);
    }

    @Test
    void gzipRejectsTruncatedData() throws IOException {
        byte[] stored = compress(Codecs.GZIP, 6, sample());

        assertThatThrownBy(() -> decompress(Codecs.GZIP, Arrays.copyOf(stored, stored.length - 9)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void findsTheBuiltInCodecsByIdIgnoringCase() {
        assertThat(Codecs.byId("gzip")).isSameAs(Codecs.GZIP);
        assertThat(Codecs.byId("GZip")).isSameAs(Codecs.GZIP);
        assertThat(Codecs.byId("none")).isSameAs(Codecs.NONE);
    }

    @Test
    void zstdWithoutItsModuleNamesTheModuleToAdd() {
        assertThatThrownBy(() -> Codecs.byId("zstd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codec 'zstd' is not available here (known codecs: gzip, none)")
                .hasMessageContaining("add io.github.dbbackup:backup-codec-zstd")
                .hasMessageContaining("or upgrade dbbackup");
    }

    @Test
    void anUnknownCodecNamesTheKnownOnes() {
        assertThatThrownBy(() -> Codecs.byId("lz4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codec 'lz4' is not available here (known codecs: gzip, none)")
                .hasMessageContaining("add the module that provides it to the class path, or upgrade dbbackup")
                .hasMessageNotContaining("backup-codec-zstd");
    }
}
