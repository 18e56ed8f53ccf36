package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;

/**
 * Three connections, each ledger cut into three key ranges, all on one exported snapshot: while
 * transfers commit, every set still holds the invariant total. Were the ranges read in separate
 * snapshots, rows updated between the reads would make the total drift.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlParallelConsistencyIT extends ConsistencyContract {

    @Override
    Backups.Builder configure(Backups.Builder builder) {
        return builder.parallelism(3).splitTablesFrom(1_000);
    }

    @Override
    void checkSet(Manifest manifest) {
        assertThat(manifest.consistent()).isTrue();
        assertThat(manifest.partsOf("ledger_a")).hasSize(3);
        assertThat(manifest.partsOf("ledger_b")).hasSize(3);
    }
}
