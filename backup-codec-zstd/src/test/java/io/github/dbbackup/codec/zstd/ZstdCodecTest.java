package io.github.dbbackup.codec.zstd;

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
import org.junit.jupiter.api.Test;

class ZstdCodecTest {

    private final Codec zstd = ZstdCodec.create();

    private static byte[] sample() {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            json.append("{\"id\":").append(i).append(",\"status\":\"").append(i % 3 == 0 ? "passed" : "failed")
                    .append("\",\"build\":").append(i * 2654435761L).append("},");
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] compress(byte[] data, int level) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = zstd.compress(stored, level)) {
            out.write(data, 0, 7);
            out.write(data[7]);
            out.write(data, 8, data.length - 8);
        }
        return stored.toByteArray();
    }

    private byte[] decompress(byte[] stored) throws IOException {
        try (InputStream in = zstd.decompress(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    @Test
    void describesItself() {
        assertThat(zstd.id()).isEqualTo("zstd");
        assertThat(zstd.extension()).isEqualTo(".json.zst");
        assertThat(new int[] {zstd.minLevel(), zstd.defaultLevel(), zstd.maxLevel()}).containsExactly(1, 3, 19);
        assertThat(zstd).hasToString("zstd");
    }

    @Test
    void roundTripsAtEveryLevelAndCompressesSmallestAtTheHighest() throws IOException {
        byte[] data = sample();
        for (int level = 1; level <= 19; level++) {
            byte[] stored = compress(data, level);

            assertThat(decompress(stored)).as("level %d", level).isEqualTo(data);
            assertThat(stored).as("level %d", level).hasSizeLessThan(data.length / 4);
        }
        assertThat(compress(data, 19)).hasSizeLessThan(compress(data, 1).length);
    }

    @Test
    void refusesALevelOutsideItsRange() {
        assertThatThrownBy(() -> zstd.compress(new ByteArrayOutputStream(), 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstd level 20 is outside 1 to 19");
        assertThatThrownBy(() -> zstd.compress(new ByteArrayOutputStream(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsTruncatedDataAndDataAfterTheFrame() throws IOException {
        byte[] stored = compress(sample(), 3);

        assertThatThrownBy(() -> decompress(Arrays.copyOf(stored, stored.length - 1))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decompress(Arrays.copyOf(stored, stored.length + 8))).isInstanceOf(IOException.class);
    }

    @Test
    void closingTheCompressorClosesItsTarget() throws IOException {
        boolean[] closed = {false};
        OutputStream target = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        zstd.compress(target, 3).close();

        assertThat(closed[0]).isTrue();
    }
}
