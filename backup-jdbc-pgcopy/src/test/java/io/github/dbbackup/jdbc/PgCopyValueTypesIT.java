package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL value type of {@link PostgreSqlValueTypesIT} survives a restore through COPY: a
 * backup of the restored table has the same part checksum as the backup of the original.
 */
class PgCopyValueTypesIT extends PostgreSqlValueTypesIT {

    @Test
    void everyValueSurvivesARestoreThroughCopy() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupPlan plan = BackupPlan.builder().tables("types").strict(false).build();
        BackupResult original = Backups.builder().source(JdbcSource.of(db.dataSource())).store(store).plan(plan)
                .audit(AuditSink.noop()).build().backup();
        try (TestDatabase target = db.createSibling()) {
            target.execute(ddl().toArray(String[]::new));
            RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .audit(AuditSink.noop()).build().restore(original.id());
            assertThat(report.checks()).contains("1 tables loaded with PostgreSQL COPY");
            BackupResult again = Backups.builder().source(JdbcSource.of(target.dataSource())).store(new InMemoryBlobStore())
                    .plan(plan).audit(AuditSink.noop()).build().backup();
            assertThat(again.parts()).extracting(PartInfo::sha256)
                    .containsExactlyElementsOf(original.parts().stream().map(PartInfo::sha256).toList());
        }
    }
}
