package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.restore.RestoreOptions;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parallel export of the QA app on PostgreSQL: three connections on one exported snapshot, every
 * table of at least 50 rows cut into key ranges. The set holds exactly the rows, value for value, of
 * a backup made with one connection, and restores into a database whose next backup is equal again.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgreSqlParallelExportIT {

    TestDatabase source;
    final InMemoryBlobStore store = new InMemoryBlobStore();
    BackupResult serial;
    BackupResult parallel;

    @BeforeAll
    void backUpTheQaAppBothWays(TestDatabase db) throws Exception {
        this.source = db;
        try (Connection c = db.dataSource().getConnection()) {
            QaAppSchema.Database kind = QaAppSchema.create(c);
            QaAppData.insert(c, kind, 1, 42L);
        }
        serial = backups(db, 1).backup();
        parallel = backups(db, 3).backup();
    }

    private Backups backups(TestDatabase db, int connections) {
        return Backups.builder().source(JdbcSource.of(db.dataSource())).store(store).plan(QaAppPlan.plan())
                .audit(AuditSink.noop()).parallelism(connections).splitTablesFrom(50).build();
    }

    @Test
    void holdsEveryValueOfEveryRowThatOneConnectionReads() {
        Map<String, Map<List<Object>, List<Object>>> expected = RestoreRoundTripContract.rows(store, serial.id());
        Map<String, Map<List<Object>, List<Object>>> actual = RestoreRoundTripContract.rows(store, parallel.id());

        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String table : expected.keySet()) {
            assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        long rows = expected.values().stream().mapToLong(Map::size).sum();
        assertThat(rows).isGreaterThan(300);
        assertThat(parallel.manifest().tables()).allSatisfy(t -> assertThat(t.rows())
                .isEqualTo(serial.manifest().table(t.name()).orElseThrow().rows()));
    }

    @Test
    void cutsTheBigTablesIntoRangesAndStaysOnePointInTime() {
        Manifest manifest = parallel.manifest();
        assertThat(manifest.consistent()).isTrue();
        long splitTables = manifest.tables().stream().filter(t -> manifest.partsOf(t.name()).size() >= 3).count();
        assertThat(splitTables).as("tables read as three key ranges").isGreaterThanOrEqualTo(2);
        assertThat(serial.manifest().parts()).hasSize(serial.manifest().tables().size());
    }

    @Test
    void restoresToADatabaseWhoseNextBackupIsEqual() throws Exception {
        try (TestDatabase target = source.createSibling()) {
            try (Connection c = target.dataSource().getConnection()) {
                QaAppSchema.create(c);
            }
            Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource())).options(RestoreOptions.defaults())
                    .audit(AuditSink.noop()).build().restore(parallel.id());

            BackupResult again = Backups.builder().source(JdbcSource.of(target.dataSource())).store(store)
                    .plan(QaAppPlan.plan()).audit(AuditSink.noop()).build().backup();

            assertThat(RestoreRoundTripContract.rows(store, again.id()))
                    .isEqualTo(RestoreRoundTripContract.rows(store, serial.id()));
        }
    }
}
