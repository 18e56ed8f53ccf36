package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.spi.RestoreSession;
import io.github.dbbackup.core.spi.RestoreTarget;
import io.github.dbbackup.jdbc.internal.JdbcRestoreSession;
import io.github.dbbackup.jdbc.internal.OpenedConnection;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where a restore writes: one connection and one transaction per restore, batched statements,
 * the dialect's way of handling cycles, triggers and sequences. Immutable and thread-safe; the
 * {@link DataSource} stays the host's.
 *
 * <pre>{@code
 * Restorer restorer = Restorer.builder().store(store).target(JdbcTarget.of(dataSource)).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class JdbcTarget implements RestoreTarget {

    private final DataSource dataSource;
    private final String schema;
    private final Dialect dialect;
    private final int batchSize;
    private final boolean bulkLoad;

    private JdbcTarget(Builder b) {
        this.bulkLoad = b.bulkLoad;
        this.dataSource = b.dataSource;
        this.schema = b.schema;
        this.dialect = b.dialect;
        this.batchSize = b.batchSize;
    }

    /**
     * A target over the connection's default schema, dialect from metadata.
     *
     * @param dataSource the host's data source
     * @return the target
     */
    public static JdbcTarget of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Starts a builder.
     *
     * @param dataSource the host's data source
     * @return a new single-use builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public RestoreSession open() {
        OpenedConnection c = OpenedConnection.open(dataSource, dialect, schema, "target",
                (d, fresh) -> d.sessions().beginRestore(fresh));
        return new JdbcRestoreSession(c.connection(), c.dialect(), c.schema(), c.info(), batchSize, bulkLoad);
    }

    /**
     * Builds a {@link JdbcTarget}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema;
        private Dialect dialect;
        private int batchSize = 1000;
        private boolean bulkLoad = true;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets the schema to restore into (MariaDB/MySQL: the database). Default: the connection's.
         *
         * @param schema the schema name
         * @return this builder
         */
        public Builder schema(String schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Forces a dialect instead of choosing one from the database metadata.
         *
         * @param dialect the dialect
         * @return this builder
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * Sets the rows per JDBC batch (default 1000).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets whether a bulk loader found on the class path (such as the {@code backup-jdbc-pgcopy}
         * module's PostgreSQL COPY) may load EMPTY_ONLY and REPLACE restores (default {@code true}).
         *
         * @param bulkLoad whether to use it
         * @return this builder
         */
        public Builder bulkLoad(boolean bulkLoad) {
            this.bulkLoad = bulkLoad;
            return this;
        }

        /**
         * Builds the target.
         *
         * @return the target
         * @throws BackupConfigurationException naming each invalid property
         */
        public JdbcTarget build() {
            if (dataSource == null) {
                throw new BackupConfigurationException("dataSource was null; pass the host's javax.sql.DataSource");
            }
            if (batchSize < 1) {
                throw new BackupConfigurationException("batchSize was " + batchSize + " but it must be at least 1");
            }
            return new JdbcTarget(this);
        }
    }
}
