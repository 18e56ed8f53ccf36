package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.restore.RestorePlan;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MariaDB cannot share a snapshot between connections: parallel export is refused before anything
 * is written, unless the user accepts an inconsistent set, which the manifest then says it is.
 */
@WithDatabase(DatabaseKind.MARIADB)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbParallelExportIT {

    TestDatabase db;

    @BeforeAll
    void createTheQaApp(TestDatabase db) throws Exception {
        this.db = db;
        try (Connection c = db.dataSource().getConnection()) {
            QaAppSchema.Database kind = QaAppSchema.create(c);
            QaAppData.insert(c, kind, 1, 42L);
        }
    }

    private Backups.Builder backups(InMemoryBlobStore store) {
        return Backups.builder().source(JdbcSource.of(db.dataSource())).store(store).plan(QaAppPlan.plan())
                .audit(AuditSink.noop());
    }

    @Test
    void refusesParallelExportThatWouldNotBeOnePointInTime() {
        InMemoryBlobStore store = new InMemoryBlobStore();

        assertThatThrownBy(() -> backups(store).parallelism(2).build().backup())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("which MariaDB cannot offer")
                .hasMessageContaining("allowInconsistentParallelExport(true)");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void anAcceptedInconsistentExportHoldsEveryRowAndSaysWhatItIs() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult serial = backups(store).build().backup();

        BackupResult parallel = backups(store).parallelism(2).allowInconsistentParallelExport(true).splitTablesFrom(50)
                .build().backup();

        assertThat(parallel.manifest().consistent()).isFalse();
        assertThat(serial.manifest().consistent()).isTrue();
        assertThat(RestoreRoundTripContract.rows(store, parallel.id()))
                .isEqualTo(RestoreRoundTripContract.rows(store, serial.id()));
    }

    @Test
    void aRestorePlanOfAnInconsistentSetSaysSo() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult parallel = backups(store).parallelism(2).allowInconsistentParallelExport(true).build().backup();
        try (TestDatabase target = db.createSibling()) {
            try (Connection c = target.dataSource().getConnection()) {
                QaAppSchema.create(c);
            }
            RestorePlan plan = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .audit(AuditSink.noop()).build().preflight(parallel.id());

            assertThat(plan.decisions()).anySatisfy(d -> assertThat(d).contains("exported through separate snapshots")
                    .contains("not one point in time"));
        }
    }
}
