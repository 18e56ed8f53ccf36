package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.SourceSnapshot;
import io.github.dbbackup.jdbc.internal.JdbcSnapshot;
import io.github.dbbackup.jdbc.internal.OpenedConnection;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Rows from a JDBC database: one connection, one read-only consistent snapshot per backup
 * (PostgreSQL {@code REPEATABLE READ, READ ONLY}; MariaDB {@code START TRANSACTION WITH CONSISTENT
 * SNAPSHOT}; H2 {@code REPEATABLE READ}), rows streamed through server-side cursors so memory does
 * not grow with table size. Immutable and thread-safe; the {@link DataSource} stays the host's (never
 * closed or configured here; each snapshot borrows one connection and returns it).
 *
 * <pre>{@code
 * BackupSource source = JdbcSource.of(dataSource);                       // default schema
 * BackupSource source = JdbcSource.builder(dataSource).schema("app").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class JdbcSource implements BackupSource {

    private final DataSource dataSource;
    private final String schema;
    private final Dialect dialect;

    private JdbcSource(Builder b) {
        this.dataSource = b.dataSource;
        this.schema = b.schema;
        this.dialect = b.dialect;
    }

    /**
     * A source over the connection's default schema (PostgreSQL: {@code current_schema()}, usually
     * {@code public}; MariaDB: the URL's database; H2: the current schema), dialect from metadata.
     *
     * @param dataSource the host's data source
     * @return the source
     */
    public static JdbcSource of(DataSource dataSource) {
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
    public SourceSnapshot openSnapshot() {
        OpenedConnection c = OpenedConnection.open(dataSource, dialect, schema, "source",
                (d, fresh) -> d.sessions().beginSnapshot(fresh));
        return new JdbcSnapshot(c.connection(), c.dialect(), c.schema(), c.info(), dataSource);
    }

    /**
     * Builds a {@link JdbcSource}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema;
        private Dialect dialect;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets the schema to back up (MariaDB/MySQL: the database). Default: the connection's.
         *
         * @param schema the schema name, exactly as the database spells it
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
         * Builds the source.
         *
         * @return the source
         * @throws BackupConfigurationException when the data source is missing
         */
        public JdbcSource build() {
            if (dataSource == null) {
                throw new BackupConfigurationException("dataSource was null; pass the host's javax.sql.DataSource");
            }
            if (schema != null && schema.isBlank()) {
                throw new BackupConfigurationException("schema was blank; omit it to use the connection's default");
            }
            return new JdbcSource(this);
        }
    }
}
