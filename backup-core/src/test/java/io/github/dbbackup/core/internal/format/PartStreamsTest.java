package io.github.dbbackup.core.internal.format;

import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.CloseRecordingCursor;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
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
        OutputStream out = codec.compress(bytes, codec.defaultLevel());
        PartWriter writer = PartWriter.start(out, Manifest.CURRENT_FORMAT_VERSION, "users", 0, COLUMNS);
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
        return readRows(store, part, codec);
    }

    private static List<List<Object>> readRows(BlobStore store, PartInfo part, Codec codec) throws IOException {
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
        return drain(store, part, codec);
    }

    private static byte[] drain(BlobStore store, PartInfo part, Codec codec) throws IOException {
        try (InputStream in = PartStreams.open(store, part, codec)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsAnIntactGzipPart() throws Exception {
        PartInfo part = storeIntact(KEY, part(Codecs.GZIP, rows(50)), 50);

        assertThat(readRows(part, Codecs.GZIP)).isEqualTo(rows(50));
    }

    @Test
    void readsAnIntactUncompressedPart() throws Exception {
        byte[] bytes = part(Codecs.NONE, rows(50));
        PartInfo part = storeIntact("backup-20261129T030000Z-abc123/0000-users-0000.json", bytes, 50);

        assertThat(readRows(part, Codecs.NONE)).isEqualTo(rows(50));
        assertThat(drain(part, Codecs.NONE)).isEqualTo(bytes);
    }

    @Test
    void detectsEveryFlippedByteOfAGzipPart() throws Exception {
        byte[] intact = part(Codecs.GZIP, rows(30));
        String sha = sha256(intact);

        for (int i = 0; i < intact.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] corrupt = intact.clone();
                corrupt[i] ^= (byte) bit;
                PartInfo part = store(KEY, corrupt, 30, intact.length, sha);
                int at = i;

                assertThatThrownBy(() -> readRows(part, Codecs.GZIP))
                        .as("bit 0x%02x of byte %d of %d flipped", bit, at, intact.length)
                        .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                        .hasMessageContaining(KEY);
            }
        }
    }

    @Test
    void detectsAFlippedGzipHeaderByteThatDecompressionIgnores() throws Exception {
        byte[] intact = part(Codecs.GZIP, rows(5));
        byte[] corrupt = intact.clone();
        corrupt[4] ^= 1; // MTIME: java.util.zip does not check it, only the SHA-256 can
        PartInfo part = store(KEY, corrupt, 5, intact.length, sha256(intact));

        assertThatThrownBy(() -> drain(part, Codecs.GZIP))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("failed its SHA-256 check");
    }

    @Test
    void detectsEveryFlippedByteOfAnUncompressedPart() throws Exception {
        byte[] intact = part(Codecs.NONE, rows(10));
        String sha = sha256(intact);
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";

        for (int i = 0; i < intact.length; i++) {
            byte[] corrupt = intact.clone();
            corrupt[i] ^= 0x01;
            PartInfo part = store(key, corrupt, 10, intact.length, sha);
            int at = i;

            assertThatThrownBy(() -> readRows(part, Codecs.NONE))
                    .as("byte %d of %d flipped", at, intact.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(key))
                    .hasMessageContaining(key);
        }
    }

    @Test
    void reportsTheSha256MismatchOfAValueChangedInPlace() throws Exception {
        byte[] intact = part(Codecs.NONE, rows(3));
        String text = new String(intact, java.nio.charset.StandardCharsets.UTF_8);
        byte[] corrupt = text.replace("user1@", "user7@").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";
        PartInfo part = store(key, corrupt, 3, intact.length, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codecs.NONE))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("Part '" + key + "' failed its SHA-256 check (expected " + sha256(intact).substring(0, 12))
                .hasMessageContaining("got " + sha256(corrupt).substring(0, 12));
    }

    @Test
    void detectsAWrongSizeOfAGzipPart() throws Exception {
        byte[] intact = part(Codecs.GZIP, rows(20));
        PartInfo part = store(KEY, intact, 20, intact.length + 1, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codecs.GZIP))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("has " + intact.length + " bytes but the manifest records " + (intact.length + 1));
    }

    @Test
    void detectsAWrongSizeOfAnUncompressedPart() throws Exception {
        byte[] intact = part(Codecs.NONE, rows(20));
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";
        PartInfo part = store(key, intact, 20, intact.length - 1, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codecs.NONE))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining("has " + intact.length + " bytes but the manifest records " + (intact.length - 1));
    }

    @Test
    void detectsBytesAppendedAfterTheGzipStream() throws Exception {
        byte[] intact = part(Codecs.GZIP, rows(20));
        byte[] longer = Arrays.copyOf(intact, intact.length + 40);
        PartInfo part = store(KEY, longer, 20, intact.length, sha256(intact));

        assertThatThrownBy(() -> readRows(part, Codecs.GZIP))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY));
    }

    @Test
    void rejectsATruncatedGzipPartAtEveryCutPoint() throws Exception {
        byte[] intact = part(Codecs.GZIP, rows(30));
        String sha = sha256(intact);

        for (int cut = 0; cut < intact.length; cut++) {
            byte[] truncated = Arrays.copyOf(intact, cut);
            PartInfo part = store(KEY, truncated, 30, intact.length, sha);
            int at = cut;

            assertThatThrownBy(() -> readRows(part, Codecs.GZIP))
                    .as("cut at %d of %d", at, intact.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY));
        }
    }

    @Test
    void rejectsUncompressedDataUnderTheGzipCodec() throws Exception {
        byte[] plain = part(Codecs.NONE, rows(2));
        PartInfo part = storeIntact(KEY, plain, 2);

        assertThatThrownBy(() -> PartStreams.open(store, part, Codecs.GZIP).close())
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("is not gzip data");
    }

    @Test
    void reportsAMissingPartAsNotFound() {
        PartInfo part = new PartInfo(KEY, "users", 0, 1, 10, "0".repeat(64));

        assertThatThrownBy(() -> PartStreams.open(store, part, Codecs.GZIP))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(KEY);
    }
    @Test
    void aStoreFailureWhileAGzipPartStreamsIsTheStoresOwnIoExceptionNotCorruption() throws Exception {
        byte[] intact = part(Codecs.GZIP, rows(400));
        PartInfo part = storeIntact(KEY, intact, 400);
        IOException reset = new IOException("connection reset by peer");

        for (int after : new int[] {20, intact.length / 2, intact.length - 3}) {
            assertThatThrownBy(() -> drain(failingAfter(after, reset), part, Codecs.GZIP))
                    .as("store fails after %d of %d bytes", after, intact.length)
                    .isSameAs(reset);
            assertThatThrownBy(() -> readRows(failingAfter(after, reset), part, Codecs.GZIP))
                    .as("rows, store fails after %d of %d bytes", after, intact.length)
                    .isInstanceOfSatisfying(BackupStorageException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                    .hasCause(reset).hasMessageContaining("the store failed, not the data");
        }
        // within gzip's header, read when the part is opened: a storage failure with the store's cause
        for (int after : new int[] {0, 5}) {
            assertThatThrownBy(() -> drain(failingAfter(after, reset), part, Codecs.GZIP))
                    .as("store fails after %d bytes", after)
                    .isInstanceOfSatisfying(BackupStorageException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                    .hasCause(reset).hasMessageContaining("connection reset by peer");
        }
    }

    @Test
    void aStoreFailureWhileAnUncompressedPartStreamsIsTheStoresOwnIoException() throws Exception {
        byte[] intact = part(Codecs.NONE, rows(50));
        String key = "backup-20261129T030000Z-abc123/0000-users-0000.json";
        PartInfo part = storeIntact(key, intact, 50);
        IOException reset = new IOException("connection reset by peer");

        assertThatThrownBy(() -> drain(failingAfter(100, reset), part, Codecs.NONE)).isSameAs(reset);
        for (int after : new int[] {0, 100}) {
            assertThatThrownBy(() -> readRows(failingAfter(after, reset), part, Codecs.NONE))
                    .isInstanceOfSatisfying(BackupStorageException.class, e -> assertThat(e.key()).isEqualTo(key))
                    .hasCause(reset);
        }
    }

    @Test
    void theRawStreamIsReadToItsEndForEveryCodecEvenWhenTheDocumentEndedEarlier() throws Exception {
        for (Codec codec : List.of(Codecs.GZIP, Codecs.NONE)) {
            byte[] intact = part(codec, rows(3));
            byte[] longer = Arrays.copyOf(intact, intact.length + 1); // a zero byte after the document
            String key = "backup-20261129T030000Z-abc123/0000-users-0000" + codec.extension();
            PartInfo part = store(key, longer, 3, longer.length, sha256(longer));

            if (codec == Codecs.NONE) {
                assertThatThrownBy(() -> readRows(part, codec)).isInstanceOf(BackupFormatException.class);
            } else {
                assertThat(readRows(part, codec)).as("%s ignores bytes after its end; the checksum covers them", codec)
                        .isEqualTo(rows(3));
                PartInfo recordedWithoutTheByte = store(key, longer, 3, intact.length, sha256(intact));
                assertThatThrownBy(() -> readRows(recordedWithoutTheByte, codec))
                        .isInstanceOf(BackupFormatException.class).hasMessageContaining("has " + longer.length + " bytes");
            }
        }
    }

    /** The test's store, but every stream it opens throws {@code failure} once {@code after} bytes are read. */
    private BlobStore failingAfter(int after, IOException failure) {
        return new FaultInjectingBlobStore(store).failReadsWhere(key -> true, after, failure);
    }
}
