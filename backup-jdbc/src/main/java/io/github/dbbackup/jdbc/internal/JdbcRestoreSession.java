package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.RestoreSession;
import io.github.dbbackup.core.spi.RowSink;
import io.github.dbbackup.jdbc.spi.Dialect;
import io.github.dbbackup.jdbc.spi.ReferencingKey;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One restore transaction on one connection; see {@link RestoreSession}. */
public final class JdbcRestoreSession implements RestoreSession {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRestoreSession.class);

    /** Bind parameters per statement, below PostgreSQL's and MariaDB's limit of 65535. */
    private static final int MAX_PARAMETERS = 30_000;

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final SourceInfo info;
    private final int batchSize;
    private final List<String> undo = new ArrayList<>();
    private final List<String> afterCommit = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Map<String, String>> nativeTypes = new HashMap<>();
    private final Map<String, Boolean> rowSecurity = new HashMap<>();
    private final io.github.dbbackup.jdbc.spi.BulkLoader bulkLoader;
    private int bulkTables;
    private boolean committed;

    /**
     * Wraps a connection on which the dialect has begun a restore.
     *
     * @param connection the connection; closed by {@link #close()}
     * @param dialect the dialect
     * @param schema the schema
     * @param info the description of the target
     * @param batchSize rows per batch
     * @param bulkLoad whether a {@link io.github.dbbackup.jdbc.spi.BulkLoader} on the class path may be used
     */
    public JdbcRestoreSession(Connection connection, Dialect dialect, String schema, SourceInfo info, int batchSize,
            boolean bulkLoad) {
        this.bulkLoader = bulkLoad ? Dialects.bulkLoader(connection, dialect) : null;
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.info = info;
        this.batchSize = batchSize;
    }

    private String table(String name) {
        return dialect.sql().qualify(schema, name);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public List<TableSchema> tables() {
        try {
            return new Introspector(connection, dialect, schema).tables();
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the tables of target schema '" + schema + "'", e);
        }
    }

    private long count(String sql, String what) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqlErrors.wrap(what, e);
        }
    }

    @Override
    public long countRows(String table) {
        // FROM ONLY on PostgreSQL: an inheritance parent's rows, not its children's.
        return count("SELECT COUNT(*) FROM " + dialect.sql().fromClause(schema, table), "Counting the rows of '" + table + "'");
    }

    @Override
    public long countReferencingRows(String table, ForeignKey fk) {
        List<String> conditions = fk.columns().stream().map(c -> dialect.sql().quote(c) + " IS NOT NULL").toList();
        return count("SELECT COUNT(*) FROM " + table(table) + " WHERE " + String.join(" AND ", conditions),
                "Counting rows of '" + table + "' that reference '" + fk.referencedTable() + "'");
    }

    @Override
    public long countForeignKeyViolations(String table, ForeignKey fk) {
        List<String> set = new ArrayList<>();
        List<String> join = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            set.add("c." + dialect.sql().quote(fk.columns().get(i)) + " IS NOT NULL");
            join.add("p." + dialect.sql().quote(fk.referencedColumns().get(i)) + " = c."
                    + dialect.sql().quote(fk.columns().get(i)));
        }
        return count("SELECT COUNT(*) FROM " + table(table) + " c WHERE " + String.join(" AND ", set)
                + " AND NOT EXISTS (SELECT 1 FROM " + table(fk.referencedTable()) + " p WHERE " + String.join(" AND ", join) + ")",
                "Checking foreign key " + fk.name() + " of '" + table + "'");
    }

    @Override
    public boolean isDeferrable(String table, ForeignKey fk) {
        try {
            return dialect.constraints().isDeferrable(connection, schema, table, fk);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading whether foreign key " + fk.name() + " is deferrable", e);
        }
    }

    @Override
    public List<CycleStrategy> bypassStrategies() {
        try {
            return dialect.constraints().bypassStrategies(connection);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the role's privileges", e);
        }
    }

    @Override
    public List<CycleStrategy> bypassStrategies(List<String> tables) {
        try {
            return dialect.constraints().bypassStrategies(connection, schema, tables);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the role's privileges on " + tables, e);
        }
    }

    @Override
    public List<OutsideReference> referencesFromOtherSchemas(List<String> tables) {
        List<ReferencingKey> keys;
        try {
            keys = dialect.introspection().referencingKeysFromOtherSchemas(connection, schema, tables);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the foreign keys of other schemas that reference " + tables, e);
        }
        List<OutsideReference> references = new ArrayList<>();
        for (ReferencingKey key : keys) {
            ForeignKey fk = key.foreignKey();
            List<String> set = fk.columns().stream().map(c -> dialect.sql().quote(c) + " IS NOT NULL").toList();
            long rows;
            try {
                java.sql.Savepoint savepoint = connection.setSavepoint();
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM "
                        + dialect.sql().qualify(key.schema(), key.table()) + " WHERE " + String.join(" AND ", set))) {
                    rs.next();
                    rows = rs.getLong(1);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException notReadable) {
                    connection.rollback(savepoint);
                    LOG.debug("Cannot count the rows of {}.{}: {}", key.schema(), key.table(), notReadable.toString());
                    rows = -1;
                }
            } catch (SQLException e) {
                throw SqlErrors.wrap("Counting the rows of '" + key.schema() + "." + key.table() + "'", e);
            }
            references.add(new OutsideReference(key.schema() + "." + key.table(), fk.name(), fk.columns(),
                    fk.referencedTable(), rows));
        }
        return references;
    }

    @Override
    public java.util.Set<TablePrivilege> missingPrivileges(String table, java.util.Set<TablePrivilege> privileges) {
        try {
            return dialect.access().missingPrivileges(connection, schema, table, privileges);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the role's privileges on '" + table + "'", e);
        }
    }

    @Override
    public List<String> sequencesThatCannotBeMoved(String table, List<ColumnSchema> columns) {
        try {
            return dialect.sequences().sequencesThatCannotBeMoved(connection, schema, table, columns);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the role's privileges on the sequences of '" + table + "'", e);
        }
    }

    @Override
    public boolean isRowSecurityActive(String table) {
        return rowSecurity.computeIfAbsent(table, t -> {
            try {
                return dialect.access().isRowSecurityActive(connection, schema, t);
            } catch (SQLException e) {
                throw SqlErrors.wrap("Reading whether row-level security applies to '" + t + "'", e);
            }
        });
    }

    @Override
    public List<String> disableTriggers(List<String> tables) {
        List<String> stayedOn = new ArrayList<>();
        for (String t : tables) {
            try {
                String enable = dialect.constraints().disableTriggers(connection, schema, t);
                if (enable == null) {
                    stayedOn.add(t);
                } else if (!enable.isEmpty()) {
                    undo.add(enable);
                }
            } catch (SQLException e) {
                throw SqlErrors.wrap("Disabling the triggers of '" + t + "'", e);
            }
        }
        return stayedOn;
    }

    @Override
    public List<String> triggersThatKeepFiring(String table) {
        try {
            return dialect.constraints().triggersThatKeepFiring(connection, schema, table);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the triggers of '" + table + "'", e);
        }
    }

    @Override
    public void deferConstraints() {
        try {
            dialect.constraints().deferConstraints(connection);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Deferring constraints", e);
        }
    }

    @Override
    public void bypassForeignKeys(CycleStrategy strategy, Map<String, List<ForeignKey>> foreignKeys) {
        try {
            undo.addAll(dialect.constraints().bypassForeignKeys(connection, strategy, schema, foreignKeys));
        } catch (SQLException e) {
            throw SqlErrors.wrap("Bypassing the foreign keys of the cycle " + foreignKeys.keySet() + " with " + strategy
                    + " (the role may lack the privilege; restore as the tables' owner)", e);
        }
    }

    @Override
    public boolean deferForeignKeyChecks(Map<String, List<ForeignKey>> foreignKeys) {
        try {
            if (foreignKeys.isEmpty()
                    || !dialect.constraints().bypassStrategies(connection).contains(CycleStrategy.DROP_AND_RECREATE)) {
                return false;
            }
            java.sql.Savepoint savepoint = connection.setSavepoint();
            try {
                List<String> readd = dialect.constraints().bypassForeignKeys(connection, CycleStrategy.DROP_AND_RECREATE, schema,
                        foreignKeys);
                connection.releaseSavepoint(savepoint);
                undo.addAll(readd);
                return true;
            } catch (SQLException notOwner) {
                connection.rollback(savepoint); // keep row-by-row checks
                LOG.debug("Cannot drop the foreign keys for a bulk load, checking row by row: {}", notOwner.toString());
                return false;
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("Preparing a bulk load without row-by-row foreign-key checks", e);
        }
    }

    private void execute(String sql, String what) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.wrap(what, e);
        }
    }

    @Override
    public void nullColumns(String table, List<String> columns) {
        List<String> set = columns.stream().map(c -> dialect.sql().quote(c) + " = NULL").toList();
        execute("UPDATE " + table(table) + " SET " + String.join(", ", set), "Clearing the cycle columns of '" + table + "'");
    }

    @Override
    public void deleteAll(String table) {
        // FROM ONLY on PostgreSQL: inheritance children that the restore does not hold keep their rows.
        execute("DELETE FROM " + dialect.sql().fromClause(schema, table), "Deleting the rows of '" + table + "' (REPLACE)");
    }

    private Map<String, String> nativeTypes(String table) {
        return nativeTypes.computeIfAbsent(table, t -> {
            try {
                return dialect.introspection().nativeTypes(connection, schema, t);
            } catch (SQLException e) {
                throw SqlErrors.wrap("Reading the column types of '" + t + "'", e);
            }
        });
    }

    @Override
    public RowSink insert(String table, List<ColumnSchema> columns, RestoreMode mode, List<String> primaryKey,
            Map<ColumnSchema, String> constants) {
        java.util.Set<String> unwritable;
        try {
            unwritable = dialect.introspection().unwritableColumns(connection, schema, table, mode);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Reading the columns of '" + table + "' the database sets itself", e);
        }
        boolean[] keep = new boolean[columns.size()];
        List<ColumnSchema> written = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !unwritable.contains(columns.get(i).name());
            if (keep[i]) {
                written.add(columns.get(i));
            } else {
                notes.add(table + "." + columns.get(i).name() + ": set by the database (" + mode + "), not written");
            }
        }
        if (written.size() == columns.size()) {
            return insertColumns(table, columns, mode, primaryKey, constants);
        }
        RowSink sink = insertColumns(table, written, mode, primaryKey, constants);
        return new RowSink() {
            @Override
            public void accept(Object[] values) {
                Object[] kept = new Object[written.size()];
                for (int i = 0, k = 0; i < keep.length; i++) {
                    if (keep[i]) {
                        kept[k++] = values[i];
                    }
                }
                sink.accept(kept);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    private RowSink insertColumns(String table, List<ColumnSchema> columns, RestoreMode mode, List<String> primaryKey,
            Map<ColumnSchema, String> constants) {
        Map<String, String> types = nativeTypes(table);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<ColumnSchema> bound = new ArrayList<>(columns);
        for (ColumnSchema c : columns) {
            names.add(dialect.sql().quote(c.name()));
            values.add(dialect.sql().valueExpression(c, types.get(c.name())));
        }
        List<Object> constantValues = new ArrayList<>();
        for (Map.Entry<ColumnSchema, String> e : constants.entrySet()) {
            ColumnSchema c = e.getKey();
            names.add(dialect.sql().quote(c.name()));
            values.add(dialect.sql().valueExpression(c, types.get(c.name())));
            bound.add(c);
            constantValues.add(e.getValue());
        }
        // COPY FROM refuses a table whose row-level security applies to this role; INSERT obeys the policies.
        if (mode != RestoreMode.UPSERT && bulkLoader != null && !isRowSecurityActive(table)) {
            try {
                RowSink sink = bulkLoader.open(connection, table(table), names, columns, constantValues);
                bulkTables++;
                return sink;
            } catch (SQLException e) {
                throw SqlErrors.wrap("Loading rows into '" + table + "' with " + bulkLoader.name(), e);
            }
        }
        boolean hasIdentity = columns.stream().anyMatch(ColumnSchema::autoIncrement);
        List<String> key = primaryKey.stream().map(dialect.sql()::quote).toList();
        // Multi-row statements: one round trip and one parse for up to 100 rows, within parameter limits.
        int rowsPerStatement = Math.max(1, Math.min(Math.min(100, batchSize), MAX_PARAMETERS / Math.max(1, bound.size())));
        return new Sink(table, rows -> dialect.sql().insertSql(table(table), names, values, rows, mode, key, hasIdentity),
                rowsPerStatement, bound, constantValues, types, "Writing rows into '" + table + "'");
    }

    @Override
    public RowSink update(String table, List<ColumnSchema> keyColumns, List<ColumnSchema> setColumns) {
        Map<String, String> types = nativeTypes(table);
        List<String> set = setColumns.stream()
                .map(c -> dialect.sql().quote(c.name()) + " = " + dialect.sql().valueExpression(c, types.get(c.name()))).toList();
        List<String> where = keyColumns.stream()
                .map(c -> dialect.sql().quote(c.name()) + " = " + dialect.sql().valueExpression(c, types.get(c.name()))).toList();
        String sql = "UPDATE " + table(table) + " SET " + String.join(", ", set) + " WHERE " + String.join(" AND ", where);
        // Values arrive as keys then set columns; the statement takes set columns then keys.
        List<ColumnSchema> order = new ArrayList<>(setColumns);
        order.addAll(keyColumns);
        int keys = keyColumns.size();
        int sets = setColumns.size();
        Sink sink = new Sink(table, rows -> sql, 1, order, List.of(), types, "Setting the cycle columns of '" + table + "'");
        Object[] reordered = new Object[keys + sets];
        return new RowSink() {
            @Override
            public void accept(Object[] values) {
                System.arraycopy(values, keys, reordered, 0, sets);
                System.arraycopy(values, 0, reordered, sets, keys);
                sink.accept(reordered);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    @Override
    public void finish() {
        for (String sql : undo) {
            execute(sql, "Restoring what the restore switched off (" + sql + ")");
        }
        undo.clear();
    }

    @Override
    public List<String> resetSequences(String table, List<ColumnSchema> columns) {
        try {
            return dialect.sequences().resetSequences(connection, schema, table, columns, afterCommit);
        } catch (SQLException e) {
            throw SqlErrors.wrap("Moving the sequences of '" + table + "' past the restored ids", e);
        }
    }

    @Override
    public List<String> writeNotes() {
        List<String> all = new ArrayList<>(notes);
        if (bulkTables > 0) {
            all.add(bulkTables + " tables loaded with " + bulkLoader.name());
        }
        return all;
    }

    @Override
    public void commit() {
        try {
            connection.commit();
            committed = true;
        } catch (SQLException e) {
            throw SqlErrors.wrap("Committing the restore", e);
        }
        for (String sql : afterCommit) {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw SqlErrors.wrap("The data is restored and committed, but '" + sql + "' failed; run it by hand"
                        + " so that new rows get fresh ids", e);
            }
        }
        try {
            if (!afterCommit.isEmpty() && !connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("Committing the sequence changes after the restore", e);
        }
    }

    @Override
    public void close() {
        OpenedConnection.end(connection, !committed, "target");
    }

    /**
     * Rows buffered into multi-row statements, executed in JDBC batches of about {@code batchSize}
     * rows; the remainder goes in one shorter statement at {@link #close()}. Memory: one batch.
     */
    private final class Sink implements RowSink {
        private final String table;
        private final String what;
        private final java.util.function.IntFunction<String> sqlFor;
        private final int rowsPerStatement;
        private final List<ColumnSchema> columns;
        private final List<Object> constants;
        private final String[] expressions;
        private final Object[][] buffer;
        private PreparedStatement statement;
        private int buffered;
        private int statementsPending;
        private long rows;

        Sink(String table, java.util.function.IntFunction<String> sqlFor, int rowsPerStatement, List<ColumnSchema> columns,
                List<Object> constants, Map<String, String> types, String what) {
            this.table = table;
            this.what = what;
            this.sqlFor = sqlFor;
            this.rowsPerStatement = rowsPerStatement;
            this.columns = columns;
            this.constants = constants;
            this.expressions = columns.stream().map(c -> dialect.sql().valueExpression(c, types.get(c.name())))
                    .toArray(String[]::new);
            this.buffer = new Object[rowsPerStatement][];
            this.statement = prepare(rowsPerStatement);
        }

        private PreparedStatement prepare(int rowCount) {
            try {
                return connection.prepareStatement(sqlFor.apply(rowCount));
            } catch (SQLException e) {
                throw SqlErrors.wrap(what + " (preparing the statement)", e);
            }
        }

        @Override
        public void accept(Object[] values) {
            buffer[buffered++] = values.clone();
            rows++;
            if (buffered == rowsPerStatement) {
                try {
                    bindBuffered(statement);
                    statement.addBatch();
                    if (++statementsPending * rowsPerStatement >= batchSize) {
                        executePending();
                    }
                } catch (SQLException e) {
                    throw SqlErrors.wrap(what + " (rows up to " + rows + ")", e);
                }
            }
        }

        private void bindBuffered(PreparedStatement ps) throws SQLException {
            int variable = columns.size() - constants.size();
            int index = 1;
            for (int r = 0; r < buffered; r++) {
                for (int i = 0; i < variable; i++) {
                    bind(ps, index++, i, buffer[r][i]);
                }
                for (int i = 0; i < constants.size(); i++) {
                    bind(ps, index++, variable + i, constants.get(i));
                }
                buffer[r] = null;
            }
            buffered = 0;
        }

        private void bind(PreparedStatement ps, int index, int position, Object value) throws SQLException {
            ColumnSchema column = columns.get(position);
            try {
                dialect.types().bind(ps, index, column, value, expressions[position]);
            } catch (SQLException e) {
                throw SqlErrors.wrap(what + ": binding column '" + table + "." + column.name() + "' ("
                        + column.typeName() + ")", e);
            }
        }

        private void executePending() throws SQLException {
            if (statementsPending == 0) {
                return;
            }
            try {
                statement.executeBatch();
            } catch (BatchUpdateException e) {
                throw SqlErrors.wrap(what + " (batch ending at row " + rows + ")", e);
            }
            statementsPending = 0;
        }

        @Override
        public void close() {
            try {
                executePending();
                if (buffered > 0) {
                    try (PreparedStatement last = prepare(buffered)) {
                        bindBuffered(last);
                        last.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw SqlErrors.wrap(what + " (last rows up to " + rows + ")", e);
            } finally {
                try {
                    statement.close();
                } catch (SQLException e) {
                    LOG.debug("closing statement failed: {}", e.toString());
                }
            }
        }
    }
}
