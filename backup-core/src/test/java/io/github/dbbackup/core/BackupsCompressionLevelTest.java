package io.github.dbbackup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void theDefaultLevelIsSix() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult byDefault = Backups.builder().source(source()).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(AuditSink.noop()).build().backup();
        assertThat(backup(store, Backups.DEFAULT_COMPRESSION_LEVEL).parts().get(0).sha256())
                .isEqualTo(byDefault.parts().get(0).sha256());
    }

    @Test
    void refusesALevelOutsideOneToNine() {
        assertThatThrownBy(() -> Backups.builder().source(source()).store(new InMemoryBlobStore())
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).compressionLevel(0).build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("compressionLevel was 0 but it must be between 1 (fastest) and 9 (smallest)");
    }
}
