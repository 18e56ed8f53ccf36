package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.RestoreSession;
import io.github.dbbackup.core.spi.RowSink;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restore session that answers the preflight's questions from what a test configured (tables,
 * referencing rows, references from other schemas, missing privileges, sequences, row-level
 * security) and refuses every write with {@link UnsupportedOperationException}: a preflight test
 * that reaches a write fails. Not thread-safe.
 */
public final class FakeRestoreSession implements RestoreSession {

    private final List<TableSchema> tables = new ArrayList<>();
    private final Map<String, Long> referencingRows = new HashMap<>();
    private final List<OutsideReference> outside = new ArrayList<>();
    private final Map<String, Set<TablePrivilege>> granted = new HashMap<>();
    private final Map<String, List<String>> unmovable = new HashMap<>();
    private final Set<String> rowSecurity = new HashSet<>();

    /**
     * Adds a table of the session's schema.
     *
     * @param table the table
     * @param referencingRows rows of it whose foreign keys are set (the same for each key)
     * @return this
     */
    public FakeRestoreSession table(TableSchema table, long referencingRows) {
        tables.add(table);
        this.referencingRows.put(table.name(), referencingRows);
        return this;
    }

    /**
     * Adds a foreign key of another schema that references a table of this one.
     *
     * @param reference the reference, with its row count
     * @return this
     */
    public FakeRestoreSession outside(OutsideReference reference) {
        outside.add(reference);
        return this;
    }

    /**
     * Grants privileges on a table (by default a table has all).
     *
     * @param table the table
     * @param privileges the only privileges the role has on it
     * @return this
     */
    public FakeRestoreSession grant(String table, TablePrivilege... privileges) {
        Set<TablePrivilege> set = EnumSet.noneOf(TablePrivilege.class);
        set.addAll(List.of(privileges));
        granted.put(table, set);
        return this;
    }

    /**
     * Declares a sequence of a table that the role may not move.
     *
     * @param table the table
     * @param description the sequence as the session describes it
     * @return this
     */
    public FakeRestoreSession unmovableSequence(String table, String description) {
        unmovable.computeIfAbsent(table, t -> new ArrayList<>()).add(description);
        return this;
    }

    /**
     * Makes row-level security apply to the role on a table.
     *
     * @param table the table
     * @return this
     */
    public FakeRestoreSession rowSecurity(String table) {
        rowSecurity.add(table);
        return this;
    }

    @Override
    public SourceInfo info() {
        return FakeBackupSource.DEFAULT_INFO;
    }

    @Override
    public List<TableSchema> tables() {
        return List.copyOf(tables);
    }

    @Override
    public long countRows(String table) {
        return 0;
    }

    @Override
    public long countReferencingRows(String table, ForeignKey fk) {
        return referencingRows.getOrDefault(table, 0L);
    }

    @Override
    public List<OutsideReference> referencesFromOtherSchemas(List<String> restored) {
        return outside.stream().filter(r -> restored.contains(r.referencedTable())).toList();
    }

    @Override
    public Set<TablePrivilege> missingPrivileges(String table, Set<TablePrivilege> privileges) {
        Set<TablePrivilege> missing = EnumSet.noneOf(TablePrivilege.class);
        missing.addAll(privileges);
        missing.removeAll(granted.getOrDefault(table, EnumSet.allOf(TablePrivilege.class)));
        return missing;
    }

    @Override
    public List<String> sequencesThatCannotBeMoved(String table, List<ColumnSchema> columns) {
        return unmovable.getOrDefault(table, List.of());
    }

    @Override
    public boolean isRowSecurityActive(String table) {
        return rowSecurity.contains(table);
    }

    @Override
    public boolean isDeferrable(String table, ForeignKey fk) {
        return false;
    }

    @Override
    public List<CycleStrategy> bypassStrategies() {
        return List.of();
    }

    @Override
    public List<String> disableTriggers(List<String> tables) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void deferConstraints() {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void bypassForeignKeys(CycleStrategy strategy, Map<String, List<ForeignKey>> foreignKeys) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void nullColumns(String table, List<String> columns) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void deleteAll(String table) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public RowSink insert(String table, List<ColumnSchema> columns, RestoreMode mode, List<String> primaryKey,
            Map<ColumnSchema, String> constants) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public RowSink update(String table, List<ColumnSchema> keyColumns, List<ColumnSchema> setColumns) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void finish() {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public long countForeignKeyViolations(String table, ForeignKey fk) {
        return 0;
    }

    @Override
    public List<String> resetSequences(String table, List<ColumnSchema> columns) {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void commit() {
        throw new UnsupportedOperationException("write");
    }

    @Override
    public void close() {
    }
}
