package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import org.junit.jupiter.api.Test;

/**
 * The whole round-trip contract on PostgreSQL with the COPY loader on the class path: EMPTY_ONLY and
 * REPLACE load with COPY (UPSERT keeps INSERT … ON CONFLICT), every value equal.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class PgCopyRestoreRoundTripIT extends RestoreRoundTripContract {

    @Override
    void insertWithoutIds(TestDatabase target) {
        target.execute("INSERT INTO projects (team_id, name, created_at) SELECT MIN(id), 'new project', CURRENT_TIMESTAMP FROM teams");
    }

    @Test
    void loadsWithCopyAndSaysSo() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            RestoreReport report = restorer(target, RestoreOptions.defaults(), AuditSink.noop()).restore(backup.id());
            assertThat(report.checks()).contains(backup.manifest().tables().size() + " tables loaded with PostgreSQL COPY");
            assertThat(rowsOf(target)).isEqualTo(rows(store, backup.id()));
        }
    }
}
