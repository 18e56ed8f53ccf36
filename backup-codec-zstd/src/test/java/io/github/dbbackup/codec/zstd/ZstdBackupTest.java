package io.github.dbbackup.codec.zstd;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static io.github.dbbackup.core.testing.Schemas.EVERY_TYPE;
import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.everyTypeRow;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backups written with zstd through the public API, read back, verified, and damaged. */
class ZstdBackupTest {

    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    private static final TableSchema TEAMS = tableWithId("teams", notNull("name", ValueType.STRING));
    private static final TableSchema RUNS = tableWithId("test_runs", notNull("status", ValueType.STRING),
            column("notes", ValueType.STRING));

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final FakeBackupSource source = new FakeBackupSource();

    ZstdBackupTest() {
        source.table(TEAMS, row("id", 2L, "name", "Platform"), row("id", 1L, "name", "Core \"QA\" ✓"));
        source.table(EVERY_TYPE, everyTypeRow(1), everyTypeRow(2), row("id", 3L));
        source.table(RUNS, runs());
    }

    private static List<Map<String, Object>> runs() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] statuses = {"passed", "failed", "skipped"};
        for (long i = 1; i <= 3000; i++) {
            rows.add(row("id", i, "status", statuses[(int) (i % 3)], "notes", i % 7 == 0 ? null : "build " + (i * 2654435761L)));
        }
        return rows;
    }

    private Backups.Builder backups() {
        return Backups.builder().source(source).store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .audit(AuditSink.noop()).codec(ZstdCodec.create());
    }

    /** Every row of a table as read by the public reader, byte arrays and lists made comparable. */
    private List<Map<String, Object>> read(String id, String table) {
        BackupReader reader = BackupReader.open(store, id);
        List<String> names = reader.manifest().table(table).orElseThrow().schema().columnNames();
        List<Map<String, Object>> rows = new ArrayList<>();
        reader.forEachRow(table, values -> {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                r.put(names.get(i), comparable(values[i]));
            }
            rows.add(r);
        });
        return rows;
    }

    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ZstdBackupTest::comparable).toList();
        }
        return value;
    }

    private static List<Map<String, Object>> comparable(List<Map<String, Object>> rows, List<String> columns) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            columns.forEach(c -> copy.put(c, comparable(r.get(c))));
            out.add(copy);
        }
        out.sort((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id")));
        return out;
    }

    @Test
    void writesAZstdSetThatReadsBackEveryValueAndVerifiesFull() {
        BackupResult result = backups().maxPartBytes(16 * 1024).build().backup();
        Manifest manifest = result.manifest();

        assertThat(manifest.codec()).isEqualTo("zstd");
        assertThat(manifest.formatVersion()).isEqualTo("1.2");
        assertThat(manifest.partsOf("test_runs")).hasSizeGreaterThan(3);
        assertThat(manifest.parts()).allSatisfy(p -> assertThat(p.key()).endsWith(".json.zst"));
        assertThat(read(result.id(), "every_type")).isEqualTo(comparable(
                List.of(everyTypeRow(1), everyTypeRow(2), row("id", 3L)), EVERY_TYPE.columnNames()));
        assertThat(read(result.id(), "teams")).isEqualTo(comparable(
                List.of(row("id", 1L, "name", "Core \"QA\" ✓"), row("id", 2L, "name", "Platform")), TEAMS.columnNames()));
        assertThat(read(result.id(), "test_runs")).isEqualTo(comparable(runs(), RUNS.columnNames()));

        VerificationResult verified = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                .verify(result.id(), VerificationLevel.FULL);
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.isOk()).isTrue();
        assertThat(verified.partsChecked()).isEqualTo(manifest.parts().size());
        assertThat(verified.rowsChecked()).isEqualTo(2 + 3 + 3000);
    }

    @Test
    void everyPartIsOneZstdFrameHoldingAFormat11Document() throws IOException {
        BackupResult result = backups().build().backup();

        for (PartInfo part : result.parts()) {
            byte[] stored = store.bytes(part.key());
            assertThat(Arrays.copyOf(stored, 4)).as("magic of %s", part.key()).isEqualTo(ZSTD_MAGIC);
            assertThat(stored[4] & 0x04).as("content checksum flag of %s", part.key()).isEqualTo(0x04);
            String document;
            try (InputStream in = new com.github.luben.zstd.ZstdInputStreamNoFinalizer(new ByteArrayInputStream(stored))) {
                document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(document).startsWith("{\"format\":\"dbbackup.part\",\"formatVersion\":\"1.2\",\"table\":\""
                    + part.table() + "\"").endsWith("\"end\":true}\n");
        }
    }

    @Test
    void readersFindTheCodecByItsManifestNameThroughServiceLoader() {
        assertThat(Codecs.byId("zstd")).isInstanceOf(ZstdCodec.class);
        assertThat(Codecs.byId("ZSTD").extension()).isEqualTo(".json.zst");
        assertThat(Codecs.byId("gzip")).isSameAs(Codecs.GZIP);
    }

    @Test
    void defaultsToLevelThreeAndKeepsEveryLevelReadable() {
        BackupResult byDefault = backups().build().backup();
        BackupResult three = backups().compressionLevel(3).build().backup();
        BackupResult fastest = backups().compressionLevel(1).build().backup();
        BackupResult smallest = backups().compressionLevel(19).build().backup();

        assertThat(byDefault.manifest().partsOf("test_runs").get(0).sha256())
                .isEqualTo(three.manifest().partsOf("test_runs").get(0).sha256());
        assertThat(smallest.totalBytes()).isLessThan(fastest.totalBytes());
        assertThat(read(smallest.id(), "test_runs")).isEqualTo(read(fastest.id(), "test_runs")).hasSize(3000);
    }

    @Test
    void framesNeedAtMostAnEightMebibyteWindowEvenAtLevelNineteen() {
        BackupResult smallest = backups().compressionLevel(19).build().backup();

        for (PartInfo part : smallest.parts()) {
            byte[] stored = store.bytes(part.key());
            int descriptor = stored[4] & 0xff;
            assertThat(descriptor & 0x03).as("dictionary id flag of %s", part.key()).isZero();
            if ((descriptor & 0x20) == 0) { // not a single segment: a window descriptor follows
                int windowLog = 10 + ((stored[5] & 0xff) >> 3);
                assertThat(windowLog).as("window log of %s", part.key()).isBetween(10, 23);
            }
        }
        assertThat(smallest.parts()).anySatisfy(p -> assertThat(store.bytes(p.key())[4] & 0x20).isZero());
    }

    @Test
    void refusesALevelOutsideOneToNineteenNamingTheCodec() {
        for (int level : new int[] {0, 20, -5}) {
            assertThatThrownBy(() -> backups().compressionLevel(level).build())
                    .isInstanceOf(BackupConfigurationException.class)
                    .hasMessageContaining("compressionLevel was " + level
                            + " but it must be between 1 (fastest) and 19 (smallest) for codec zstd");
        }
    }

    @Test
    void aFlippedBitAnywhereInAZstdPartFailsNamingThePart() {
        BackupResult result = backups().build().backup();
        PartInfo teams = result.manifest().partsOf("teams").get(0);
        byte[] intact = store.bytes(teams.key());

        for (int i = 0; i < intact.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] corrupt = intact.clone();
                corrupt[i] ^= (byte) bit;
                store.put(teams.key(), out -> out.write(corrupt));
                int at = i;

                assertThatThrownBy(() -> read(result.id(), "teams"))
                        .as("bit 0x%02x of byte %d of %d flipped", bit, at, intact.length)
                        .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(teams.key()))
                        .hasMessageContaining(teams.key());
            }
        }
        byte[] corrupt = intact.clone();
        corrupt[intact.length / 2] ^= 0x10;
        store.put(teams.key(), out -> out.write(corrupt));
        VerificationResult verified = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                .verify(result.id(), VerificationLevel.FULL);
        assertThat(verified.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo(teams.key()));
    }

    @Test
    void aTruncatedZstdPartFailsNamingThePartEvenWhenTheManifestAgreesWithTheCut() throws Exception {
        BackupResult result = backups().build().backup();
        PartInfo part = result.manifest().partsOf("every_type").get(0);
        byte[] intact = store.bytes(part.key());
        String key = Manifest.keyOf(result.id());
        String manifest = new String(store.bytes(key), StandardCharsets.UTF_8);

        for (int cut = 0; cut < intact.length; cut += cut < 16 || cut > intact.length - 16 ? 1 : 7) {
            byte[] truncated = Arrays.copyOf(intact, cut);
            store.put(part.key(), out -> out.write(truncated));
            // the manifest records the truncated blob: only zstd and the part reader can notice
            String agreeing = manifest.replace(part.sha256(), sha256(truncated))
                    .replace("\"bytes\" : " + intact.length + ",", "\"bytes\" : " + truncated.length + ",");
            store.put(key, out -> out.write(agreeing.getBytes(StandardCharsets.UTF_8)));
            int at = cut;

            assertThatThrownBy(() -> read(result.id(), "every_type"))
                    .as("cut at %d of %d", at, intact.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(part.key()))
                    .hasMessageContaining(part.key());
        }
        byte[] withoutChecksum = Arrays.copyOf(intact, intact.length - 4);
        store.put(part.key(), out -> out.write(withoutChecksum));
        byte[] agreeing = manifest.replace(part.sha256(), sha256(withoutChecksum))
                .replace("\"bytes\" : " + intact.length + ",", "\"bytes\" : " + withoutChecksum.length + ",")
                .getBytes(StandardCharsets.UTF_8);
        store.put(key, out -> out.write(agreeing));
        assertThatThrownBy(() -> read(result.id(), "every_type"))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("Part '" + part.key() + "' does not decompress as zstd (")
                .hasMessageContaining("it is truncated or corrupt: restore from another backup set");
    }

    @Test
    void aStoreFailingMidPartIsAStorageFailureNotCorruption() {
        BackupResult result = backups().build().backup();
        PartInfo part = result.manifest().partsOf("test_runs").get(0);
        IOException reset = new IOException("connection reset by peer");
        BlobStore failing = failingAfter(part.key(), (int) part.bytes() / 2, reset);

        assertThatThrownBy(() -> BackupReader.open(failing, result.id()).forEachRow("test_runs", values -> { }))
                .isInstanceOfSatisfying(BackupStorageException.class, e -> assertThat(e.key()).isEqualTo(part.key()))
                .hasRootCauseMessage("connection reset by peer")
                .hasMessageNotContaining("corrupt");
        VerificationResult verified = BackupVerifier.builder().store(failing).audit(AuditSink.noop()).build()
                .verify(result.id(), VerificationLevel.FULL);
        assertThat(verified.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("connection reset by peer").doesNotContain("corrupt"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The test's store, but reading {@code key} throws {@code failure} after {@code after} bytes. */
    private BlobStore failingAfter(String key, int after, IOException failure) {
        return new FaultInjectingBlobStore(store).failReadsWhere(key::equals, after, failure);
    }
}
