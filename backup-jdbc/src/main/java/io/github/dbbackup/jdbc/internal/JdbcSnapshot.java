package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.spi.KeyRange;
import io.github.dbbackup.core.spi.KeySpan;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection in one read-only snapshot transaction; rolled back and closed by {@link #close()}. */
public final class JdbcSnapshot implements SourceSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSnapshot.class);

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final SourceInfo info;
    private final DataSource dataSource;
    private String exportedId;
    private Introspector.Contents contents;

    /**
     * Wraps a connection on which the dialect has begun a snapshot.
     *
     * @param connection the connection; closed by {@link #close()}
     * @param dialect the dialect
     * @param schema the schema
     * @param info the description of the source
     * @param dataSource where connections sharing this snapshot come from
     */
    public JdbcSnapshot(Connection connection, Dialect dialect, String schema, SourceInfo info, DataSource dataSource) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.info = info;
        this.dataSource = dataSource;
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public List<TableSchema> tables() {
        return contents().tables();
    }

    @Override
    public List<ExcludedTable> objectsNotCarried() {
        return contents().notCarried();
    }

    /** Introspects once: the snapshot is one point in time, and a backup asks for tables and objects alike. */
    private Introspector.Contents contents() {
        if (contents == null) {
            try {
                Introspector.Contents found = new Introspector(connection, dialect, schema).contents();
                if (found.tables().isEmpty() && found.notCarried().isEmpty()) {
                    requireSchemaExists();
                    LOG.warn("Schema '{}' of {} has no base tables visible to this user", schema, info.product());
                }
                contents = found;
            } catch (SQLException e) {
                throw SqlErrors.wrap("Reading the tables of schema '" + schema + "'", e);
            }
        }
        return contents;
    }

    /** A mistyped schema is an error naming it, not an empty schema. */
    private void requireSchemaExists() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> existing = new ArrayList<>();
        try (ResultSet rs = dialect.introspection().usesCatalogAsSchema() ? meta.getCatalogs() : meta.getSchemas()) {
            while (rs.next()) {
                existing.add(rs.getString(dialect.introspection().usesCatalogAsSchema() ? "TABLE_CAT" : "TABLE_SCHEM"));
            }
        }
        if (existing.contains(schema)) {
            return;
        }
        String kind = dialect.introspection().usesCatalogAsSchema() ? "database" : "schema";
        List<String> sameButCase = existing.stream().filter(e -> e.equalsIgnoreCase(schema)).toList();
        throw new SchemaMismatchException("", "The " + kind + " '" + schema + "' does not exist in " + info.product()
                + (sameButCase.isEmpty() ? "" : " (did you mean '" + sameButCase.get(0) + "'? names are case-sensitive)")
                + "; name an existing " + kind + " with JdbcSource.builder(dataSource).schema(\"...\") (CLI: --schema),"
                + " spelled as the database spells it. Existing: " + existing.stream().sorted().limit(30).toList());
    }

    /**
     * Reads no row of each table with {@code SELECT *}: the database refuses it when this role cannot
     * read every column (MariaDB column grants; PostgreSQL column privileges) or when row-level
     * security would filter the rows (PostgreSQL, with {@code row_security} off in every snapshot),
     * and it shows a column that introspection did not.
     */
    @Override
    public void checkReadable(List<TableSchema> tables) {
        for (TableSchema table : tables) {
            String sql = "SELECT * FROM " + dialect.sql().fromClause(schema, table.name()) + " WHERE 1 = 0";
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i);
                    if (table.column(column).isEmpty()) {
                        throw new SchemaMismatchException(table.name(), "Table '" + table.name() + "' has column '"
                                + column + "' that this role cannot see in the catalog; the backup would leave it out."
                                + " Grant the role SELECT on the whole table, or exclude the table from the plan");
                    }
                }
            } catch (SQLException e) {
                BackupDatabaseException w = SqlErrors.wrap("Checking that this role reads every row and column of"
                        + " table '" + table.name() + "'", e);
                throw new BackupDatabaseException(w.getMessage() + "; a backup never exports part of a table (rows"
                        + " hidden by row-level security, columns without privilege). Back up as a role that reads all"
                        + " of it (SELECT on the whole table; on PostgreSQL the owner of a table without FORCE ROW LEVEL"
                        + " SECURITY, or a role with BYPASSRLS), or exclude the table from the plan. Nothing was written",
                        w.sqlState(), w.vendorCode(), e);
            }
        }
    }

    @Override
    public Optional<SourceSnapshot> openShared() {
        if (exportedId == null) {
            try {
                Optional<String> id = dialect.sessions().exportSnapshot(connection);
                if (id.isEmpty()) {
                    return Optional.empty();
                }
                exportedId = id.get();
            } catch (SQLException e) {
                throw SqlErrors.wrap("Exporting the snapshot of " + info.product() + " for parallel export", e);
            }
        }
        String id = exportedId;
        OpenedConnection c = OpenedConnection.open(dataSource, dialect, schema, "source",
                (d, fresh) -> d.sessions().beginSharedSnapshot(fresh, id));
        return Optional.of(new JdbcSnapshot(c.connection(), c.dialect(), c.schema(), c.info(), dataSource));
    }

    @Override
    public long estimatedRows(TableSchema table) {
        try {
            return dialect.introspection().estimatedRows(connection, schema, table.name());
        } catch (SQLException e) {
            LOG.debug("No row estimate for table '{}': {}", table.name(), e.toString());
            return -1;
        }
    }

    @Override
    public Optional<KeySpan> keySpan(RowQuery query, String keyColumn) {
        String key = dialect.sql().quote(keyColumn);
        String sql = "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + dialect.sql().fromClause(schema, query.table().name())
                + (query.rowFilter().isBlank() ? "" : " WHERE (" + query.rowFilter() + ")");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            java.math.BigDecimal min = rs.getBigDecimal(1);
            java.math.BigDecimal max = rs.getBigDecimal(2);
            if (min == null || max == null) {
                return Optional.empty();
            }
            return Optional.of(new KeySpan(keyColumn, min.longValueExact(), max.longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty(); // an unsigned key beyond Long.MAX_VALUE: read the table whole
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the key span of table '" + query.table().name() + "'", e);
        }
    }

    @Override
    public RowCursor rows(RowQuery query) {
        String table = query.table().name();
        String sql = dialect.sql().selectRows(schema, table, query.columns(), query.orderBy(), filter(query));
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(dialect.sessions().fetchSize());
            ResultSet rs = statement.executeQuery();
            return new Cursor(statement, rs, query.columns(), table);
        } catch (SQLException e) {
            closeQuietly(statement);
            throw SqlErrors.wrap("Reading table '" + table + "'" + (query.rowFilter().isBlank() ? ""
                    : " (check its row filter)"), e);
        }
    }

    /** The row filter, narrowed to the query's key range. The bounds are {@code long}s: safe in SQL text. */
    private String filter(RowQuery query) {
        KeyRange range = query.range();
        if (range == null) {
            return query.rowFilter();
        }
        StringBuilder where = new StringBuilder();
        if (!query.rowFilter().isBlank()) {
            where.append('(').append(query.rowFilter()).append(')');
        }
        String key = dialect.sql().quote(range.column());
        if (range.from() != null) {
            where.append(where.length() == 0 ? "" : " AND ").append(key).append(" >= ").append(range.from().longValue());
        }
        if (range.to() != null) {
            where.append(where.length() == 0 ? "" : " AND ").append(key).append(" < ").append(range.to().longValue());
        }
        return where.toString();
    }

    @Override
    public void close() {
        OpenedConnection.end(connection, true, "source");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("close failed: {}", e.toString());
            }
        }
    }

    private final class Cursor implements RowCursor {
        private final PreparedStatement statement;
        private final ResultSet rs;
        private final List<ColumnSchema> columns;
        private final String table;
        private final Object[] values;

        Cursor(PreparedStatement statement, ResultSet rs, List<ColumnSchema> columns, String table) {
            this.statement = statement;
            this.rs = rs;
            this.columns = columns;
            this.table = table;
            this.values = new Object[columns.size()];
        }

        @Override
        public boolean next() {
            try {
                if (!rs.next()) {
                    return false;
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = read(i);
                }
                return true;
            } catch (SQLException e) {
                throw SqlErrors.wrap("Reading table '" + table + "'", e);
            }
        }

        private Object read(int i) throws SQLException {
            ColumnSchema column = columns.get(i);
            try {
                return dialect.types().readValue(rs, i + 1, column);
            } catch (SQLException e) {
                throw SqlErrors.wrap("Reading column '" + table + "." + column.name() + "' (" + column.typeName() + ")", e);
            } catch (RuntimeException e) {
                throw new BackupException("Reading column '" + table + "." + column.name() + "' (" + column.typeName()
                        + ") with dialect " + dialect.name() + " failed: " + e.getClass().getSimpleName()
                        + "; exclude the column from the plan or report the type", e);
            }
        }

        @Override
        public Object value(int index) {
            return values[index];
        }

        @Override
        public void close() {
            closeQuietly(rs);
            closeQuietly(statement);
        }
    }
}
