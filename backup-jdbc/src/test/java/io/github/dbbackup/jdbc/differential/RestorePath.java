package io.github.dbbackup.jdbc.differential;

import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.spi.RestoreTarget;
import io.github.dbbackup.jdbc.JdbcTarget;
import javax.sql.DataSource;

/**
 * A way a set is written into a target: the default target (PostgreSQL: COPY when
 * {@code backup-jdbc-pgcopy} is on the class path), multi-row INSERT, and UPSERT into a target
 * that already holds some of the rows with other values.
 *
 * @since 0.1
 */
public enum RestorePath {
    /** {@code JdbcTarget.of(ds)}, mode EMPTY_ONLY: PostgreSQL's COPY bulk loader when present. */
    COPY,
    /** {@code JdbcTarget.builder(ds).bulkLoad(false)}, small batches, mode EMPTY_ONLY. */
    INSERT,
    /** Mode UPSERT into a target prefilled with half of the keys (other values) and one extra row. */
    UPSERT;

    RestoreTarget target(DataSource dataSource) {
        return switch (this) {
            case COPY -> JdbcTarget.of(dataSource);
            case INSERT -> JdbcTarget.builder(dataSource).bulkLoad(false).batchSize(7).build();
            case UPSERT -> JdbcTarget.builder(dataSource).batchSize(7).build();
        };
    }

    RestoreOptions options() {
        return this == UPSERT ? RestoreOptions.defaults().withMode(RestoreMode.UPSERT) : RestoreOptions.defaults();
    }
}
