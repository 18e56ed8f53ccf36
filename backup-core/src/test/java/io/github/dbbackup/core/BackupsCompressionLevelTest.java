package io.github.dbbackup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackupsCompressionLevelTest {

    private static FakeBackupSource source() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 1; i <= 5000; i++) {
            rows.add(FakeBackupSource.row("id", i, "name", "name " + i + " " + Long.toHexString(i * 2654435761L)));
        }
        return new FakeBackupSource().table(Schemas.tableWithId("teams", Schemas.column("name", ValueType.STRING)), rows);
    }

    private static BackupResult backup(InMemoryBlobStore store, int level) {
        return Backups.builder().source(source()).store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .audit(AuditSink.noop()).compressionLevel(level).build().backup();
    }

    @Test
    void aFasterLevelWritesMoreBytesOfTheSameRows() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult fast = backup(store, 1);
        BackupResult small = backup(store, 9);
        assertThat(fast.totalBytes()).isGreaterThan(small.totalBytes());
        List<Object> fastRows = new ArrayList<>();
        List<Object> smallRows = new ArrayList<>();
        BackupReader.open(store, fast.id()).forEachRow("teams", r -> fastRows.add(List.of(r[0], r[1])));
        BackupReader.open(store, small.id()).forEachRow("teams", r -> smallRows.add(List.of(r[0], r[1])));
        assertThat(fastRows).hasSize(5000).isEqualTo(smallRows);
    }

    @Test
    void issue13_aSecondBuildAfterACodecChangeUsesThatCodecsDefaultLevel() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        Backups.Builder builder = Backups.builder().source(source()).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(AuditSink.noop());
        builder.build(); // gzip, level 6 by default
        BackupResult uncompressed = builder.codec(Codecs.NONE).build().backup();
        assertThat(uncompressed.parts()).singleElement().satisfies(p -> assertThat(p.key()).endsWith(".json"));
        BackupResult gzipAgain = builder.codec(Codecs.GZIP).build().backup();
        BackupResult gzipDefault = Backups.builder().source(source()).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(AuditSink.noop()).build().backup();
        assertThat(gzipAgain.parts().get(0).sha256()).isEqualTo(gzipDefault.parts().get(0).sha256());
    }

    @Test
    void theDefaultLevelIsSix() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult byDefault = Backups.builder().source(source()).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(AuditSink.noop()).build().backup();
        assertThat(backup(store, Backups.DEFAULT_COMPRESSION_LEVEL).parts().get(0).sha256())
                .isEqualTo(byDefault.parts().get(0).sha256());
    }

    @Test
    void refusesALevelOutsideOneToNine() {
        for (int level : new int[] {0, 10}) {
            assertThatThrownBy(() -> Backups.builder().source(source()).store(new InMemoryBlobStore())
                    .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).compressionLevel(level).build())
                    .isInstanceOf(BackupConfigurationException.class)
                    .hasMessageContaining("compressionLevel was " + level
                            + " but it must be between 1 (fastest) and 9 (smallest) for codec gzip");
        }
    }

    @Test
    void theNoneCodecHasNoLevelToChoose() {
        assertThatThrownBy(() -> Backups.builder().source(source()).store(new InMemoryBlobStore())
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).codec(Codecs.NONE).compressionLevel(6).build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("compressionLevel was 6 but codec none has only level 0; omit compressionLevel");
        assertThat(Backups.builder().source(source()).store(new InMemoryBlobStore()).audit(AuditSink.noop())
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).codec(Codecs.NONE).build().backup().totalRows())
                .isEqualTo(5000);
    }

    @Test
    void eachCodecGetsItsOwnDefaultLevelOrTheOneSetAndCompressesOnItsOwnThread() {
        RecordingCodec codec = new RecordingCodec();
        InMemoryBlobStore store = new InMemoryBlobStore();
        Backups.builder().source(source()).store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .audit(AuditSink.noop()).codec(codec).build().backup();
        Backups.builder().source(source()).store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .audit(AuditSink.noop()).codec(codec).compressionLevel(30).build().backup();

        assertThat(codec.levels).containsExactly(22, 30);
        assertThat(codec.threads).allSatisfy(name -> assertThat(name).startsWith("dbbackup-recording "))
                .doesNotContain(Thread.currentThread().getName());
        assertThatThrownBy(() -> Backups.builder().source(source()).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).codec(codec).compressionLevel(31).build())
                .hasMessageContaining("compressionLevel was 31 but it must be between 20 (fastest) and 30 (smallest)"
                        + " for codec recording");
    }

    /** gzip under another name and other levels, recording the level and thread of each compression. */
    private static final class RecordingCodec implements Codec {
        final List<Integer> levels = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public String extension() {
            return ".json.rec";
        }

        @Override
        public int minLevel() {
            return 20;
        }

        @Override
        public int maxLevel() {
            return 30;
        }

        @Override
        public int defaultLevel() {
            return 22;
        }

        @Override
        public OutputStream compress(OutputStream out, int level) throws IOException {
            levels.add(level);
            threads.add(Thread.currentThread().getName());
            return Codecs.GZIP.compress(out, 6);
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return Codecs.GZIP.decompress(in);
        }
    }
}
