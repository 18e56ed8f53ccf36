package io.github.dbbackup.core.internal.format;

import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.Codec;
import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.InMemoryBlobStore;
import io.github.dbbackup.core.PartInfo;
import io.github.dbbackup.core.ValueType;
import io.github.dbbackup.core.testing.CloseRecordingCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PartStreamsTest {

    private static final String KEY = "backup-20261129T030000Z-abc123/0000-users-0000.json.gz";
    private static final List<ColumnSchema> COLUMNS = List.of(notNull("id", ValueType.INTEGER),
            column("email", ValueType.STRING));

    private final InMemoryBlobStore store = new InMemoryBlobStore();

    private static List<List<Object>> rows(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Arrays.asList((long) i, "user" + i + "@example.com"));
        }
        return rows;
    }

    private static byte[] part(Codec codec, List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = codec == Codec.GZIP ? new GZIPOutputStream(bytes) : bytes;
        PartWriter writer = PartWriter.start(out, "1.0", "users", 0, COLUMNS);
        CloseRecordingCursor cursor = new CloseRecordingCursor(rows);
        while (cursor.next()) {
            writer.writeRow(cursor);
        }
        writer.finish();
        out.close();
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private PartInfo store(String key, byte[] stored, long rows, long bytes, String sha256) {
        store.put(key, out -> out.write(stored));
        return new PartInfo(key, "users", 0, rows, bytes, sha256);
    }

    private PartInfo storeIntact(String key, byte[] stored, long rows) throws NoSuchAlgorithmException {
        return store(key, stored, rows, stored.length, sha256(stored));
    }

    /** Reads a part as a restore does: every row, then the trailer, to the end of the stream. */
    private List<List<Object>> readRows(PartInfo part, Codec codec) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (InputStream in = PartStreams.open(store, part, codec);
                PartReader reader = new PartReader(in, part.key(), "users", COLUMNS)) {
            while (reader.next()) {
                rows.add(new ArrayList<>(Arrays.asList(reader.row().clone())));
            }
        }
        return rows;
    }

    private byte[] drain(PartInfo part, Codec codec) throws IOException {
        try (InputStream in = PartStreams.open(store, part, codec)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsAnIntactGzipPart() throws Exception {
        PartInfo part = storeIntact(KEY, part(Codec.GZIP, rows(50)), 50);

        assertThat(readRows(part, Codec.GZIP)).isEqualTo(rows(50));
    }

    @Test
    void readsAnIntactUncompressedPart() throws Exception {
        byte[] bytes = part(Codec.NONE, rows(50));
        PartInfo part = storeIntact("backup-20261129T030000Z-abc123/0000-users-0000.json", bytes, 50);

        assertThat(readRows(part, Codec.NONE)).isEqualTo(rows(50));
        assertThat(drain(part, Codec.NONE)).isEqualTo(bytes);
    }

    @Test
    void detectsEveryFlippedByteOfAGzipPart() throws Exception {
        byte[] intact = part(Codec.GZIP, rows(30));
        String sha = sha256(intact);

        for (int i = 0; i < intact.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] corrupt = intact.clone();
                corrupt[i] ^= (byte) bit;
                PartInfo part = store(KEY, corrupt, 30, intact.length, sha);
                int at = i;

                assertThatThrownBy(() -> readRows(part, Codec.GZIP))
                        .as("bit 0x%02x of byte %d of %d flipped", bit, at, intact.length)
                        .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                        .hasMessageContaining(KEY);
            }
        }
    }

    @Test
    void detectsAFlippedGzipHeaderByteThatDecompressionIgnores() throws Exception {
        byte[] intact = part(Codec.GZIP, rows(5));
        byte[] corrupt = intact.clone();
        corrupt[4] ^= 1; // MTIME: java.util.zip does not check it, only the SHA-256 can
        PartInfo part = store(KEY, corrupt, 5, intact.length, sha256(intact));

        assertThatThrownBy(() -> drain(part, Codec.GZIP))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("failed its SHA-256 check");
    }

    @Test
    void detectsEveryFlippedByteOfAnUncompressedPart() throws Exception {
        byte[] intact = part(Codec.NONE, rows(10));
        String sha = sha256(intact);
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";

        for (int i = 0; i < intact.length; i++) {
            byte[] corrupt = intact.clone();
            corrupt[i] ^= 0x01;
            PartInfo part = store(key, corrupt, 10, intact.length, sha);
            int at = i;

            assertThatThrownBy(() -> readRows(part, Codec.NONE))
                    .as("byte %d of %d flipped", at, intact.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(key))
                    .hasMessageContaining(key);
        }
    }

    @Test
    void reportsTheSha256MismatchOfAValueChangedInPlace() throws Exception {
        byte[] intact = part(Codec.NONE, rows(3));
        String text = new String(intact, java.nio.charset.StandardCharsets.UTF_8);
        byte[] corrupt = text.replace("user1@", "user7@").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";
        PartInfo part = store(key, corrupt, 3, intact.length, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codec.NONE))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("Part '" + key + "' failed its SHA-256 check (expected " + sha256(intact).substring(0, 12))
                .hasMessageContaining("got " + sha256(corrupt).substring(0, 12));
    }

    @Test
    void detectsAWrongSizeOfAGzipPart() throws Exception {
        byte[] intact = part(Codec.GZIP, rows(20));
        PartInfo part = store(KEY, intact, 20, intact.length + 1, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codec.GZIP))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("has " + intact.length + " bytes but the manifest records " + (intact.length + 1));
    }

    @Test
    void detectsAWrongSizeOfAnUncompressedPart() throws Exception {
        byte[] intact = part(Codec.NONE, rows(20));
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";
        PartInfo part = store(key, intact, 20, intact.length - 1, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codec.NONE))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining("has " + intact.length + " bytes but the manifest records " + (intact.length - 1));
    }

    @Test
    void detectsBytesAppendedAfterTheGzipStream() throws Exception {
        byte[] intact = part(Codec.GZIP, rows(20));
        byte[] longer = Arrays.copyOf(intact, intact.length + 40);
        PartInfo part = store(KEY, longer, 20, intact.length, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codec.GZIP))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY));
    }

    @Test
    void rejectsATruncatedGzipPartAtEveryCutPoint() throws Exception {
        byte[] intact = part(Codec.GZIP, rows(30));
        String sha = sha256(intact);

        for (int cut = 0; cut < intact.length; cut++) {
            byte[] truncated = Arrays.copyOf(intact, cut);
            PartInfo part = store(KEY, truncated, 30, intact.length, sha);
            int at = cut;

            assertThatThrownBy(() -> readRows(part, Codec.GZIP))
                    .as("cut at %d of %d", at, intact.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY));
        }
    }

    @Test
    void rejectsUncompressedDataUnderTheGzipCodec() throws Exception {
        byte[] plain = part(Codec.NONE, rows(2));
        PartInfo part = storeIntact(KEY, plain, 2);

        assertThatThrownBy(() -> PartStreams.open(store, part, Codec.GZIP).close())
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("is not gzip data");
    }

    @Test
    void reportsAMissingPartAsNotFound() {
        PartInfo part = new PartInfo(KEY, "users", 0, 1, 10, "0".repeat(64));

        assertThatThrownBy(() -> PartStreams.open(store, part, Codec.GZIP))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(KEY);
    }
}
