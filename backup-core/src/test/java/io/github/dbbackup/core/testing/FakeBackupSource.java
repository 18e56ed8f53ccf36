package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link BackupSource} serving tables held in memory, for tests that need no database. Rows are
 * maps keyed by column name (missing keys read as SQL NULL); cursors serve only the columns a
 * query asks for, ordered by its {@code orderBy} columns, so a test can prove an excluded column was
 * never selected. Records every snapshot, query and cursor, and injects failures on demand.
 * Thread-safe.
 *
 * <pre>{@code
 * FakeBackupSource source = new FakeBackupSource()
 *     .table(users, FakeBackupSource.row("id", 1L, "email", "a@example.com"));
 * }</pre>
 */
public final class FakeBackupSource implements BackupSource {

    /** The source description used unless {@link #info(SourceInfo)} sets another. */
    public static final SourceInfo DEFAULT_INFO = new SourceInfo("FakeDB", "1.0", "fake", "public", "fake:memory");

    record Failure(int afterRows, RuntimeException exception) {
    }

    private final Map<String, TableSchema> schemas = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    private final Map<String, Failure> rowFailures = new LinkedHashMap<>();
    private final List<FakeSnapshot> snapshots = new ArrayList<>();
    private final List<RowQuery> queries = new ArrayList<>();
    private final List<CloseRecordingCursor> cursors = new ArrayList<>();
    private SourceInfo info = DEFAULT_INFO;
    private RuntimeException openFailure;
    private RuntimeException tablesFailure;
    private boolean shareable;
    private final List<ExcludedTable> notCarried = new ArrayList<>();
    private final Map<String, RuntimeException> unreadable = new LinkedHashMap<>();

    /**
     * Builds one row from alternating column names and values ({@code null} allowed).
     *
     * @param namesAndValues {@code "id", 1L, "name", "x", …}
     * @return the row
     */
    public static Map<String, Object> row(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row(...) takes name, value pairs");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /**
     * Adds (or replaces) a table and its rows.
     *
     * @param schema the table
     * @param tableRows the rows, keyed by column name
     * @return this source
     */
    @SafeVarargs
    public final FakeBackupSource table(TableSchema schema, Map<String, Object>... tableRows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> r : tableRows) {
            list.add(r);
        }
        return table(schema, list);
    }

    /**
     * Adds (or replaces) a table and its rows.
     *
     * @param schema the table
     * @param tableRows the rows, keyed by column name
     * @return this source
     */
    public synchronized FakeBackupSource table(TableSchema schema, List<Map<String, Object>> tableRows) {
        Objects.requireNonNull(schema, "schema");
        schemas.put(schema.name(), schema);
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, Object> row : tableRows) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows.put(schema.name(), copy);
        return this;
    }

    /**
     * Sets what {@link SourceSnapshot#info()} reports.
     *
     * @param info the description
     * @return this source
     */
    public synchronized FakeBackupSource info(SourceInfo info) {
        this.info = Objects.requireNonNull(info, "info");
        return this;
    }

    /**
     * Makes {@link #openSnapshot()} throw.
     *
     * @param failure what to throw, {@code null} to stop failing
     * @return this source
     */
    public synchronized FakeBackupSource failOpen(RuntimeException failure) {
        this.openFailure = failure;
        return this;
    }

    /**
     * Makes {@link SourceSnapshot#tables()} throw.
     *
     * @param failure what to throw, {@code null} to stop failing
     * @return this source
     */
    public synchronized FakeBackupSource failTables(RuntimeException failure) {
        this.tablesFailure = failure;
        return this;
    }

    /**
     * Makes cursors over {@code table} throw from {@code next()} after {@code afterRows} rows.
     *
     * @param table the table
     * @param afterRows rows served before the failure
     * @param failure what to throw
     * @return this source
     */
    public synchronized FakeBackupSource failRows(String table, int afterRows, RuntimeException failure) {
        rowFailures.put(table, new Failure(afterRows, Objects.requireNonNull(failure, "failure")));
        return this;
    }

    /**
     * Adds an object that snapshots report through {@link SourceSnapshot#objectsNotCarried()}, as a
     * database reports a materialized view.
     *
     * @param object the object, with the reason and the action the source proposes
     * @return this source
     */
    public synchronized FakeBackupSource notCarried(ExcludedTable object) {
        notCarried.add(Objects.requireNonNull(object, "object"));
        return this;
    }

    /**
     * Makes {@link SourceSnapshot#checkReadable(List)} throw when it is asked about {@code table}, as
     * a database does for a table whose rows row-level security filters.
     *
     * @param table the table
     * @param failure what to throw
     * @return this source
     */
    public synchronized FakeBackupSource unreadable(String table, RuntimeException failure) {
        unreadable.put(table, Objects.requireNonNull(failure, "failure"));
        return this;
    }

    synchronized List<ExcludedTable> notCarried() {
        return notCarried.stream().sorted(java.util.Comparator.comparing(ExcludedTable::table)).toList();
    }

    synchronized RuntimeException unreadableFailure(String table) {
        return unreadable.get(table);
    }

    /**
     * Makes snapshots share themselves ({@link SourceSnapshot#openShared()}), as PostgreSQL's do;
     * by default they cannot, as MariaDB's.
     *
     * @param share whether snapshots can be shared
     * @return this source
     */
    public synchronized FakeBackupSource shareable(boolean share) {
        this.shareable = share;
        return this;
    }

    synchronized boolean isShareable() {
        return shareable;
    }

    synchronized SourceSnapshot openShared() {
        FakeSnapshot snapshot = new FakeSnapshot(this);
        snapshots.add(snapshot);
        return snapshot;
    }

    @Override
    public synchronized SourceSnapshot openSnapshot() {
        if (openFailure != null) {
            throw openFailure;
        }
        FakeSnapshot snapshot = new FakeSnapshot(this);
        snapshots.add(snapshot);
        return snapshot;
    }

    /**
     * Returns every snapshot opened, in order.
     *
     * @return the snapshots
     */
    public synchronized List<FakeSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    /**
     * Returns every query run, over all snapshots, in order.
     *
     * @return the queries
     */
    public synchronized List<RowQuery> queries() {
        return List.copyOf(queries);
    }

    /**
     * Returns every cursor opened, over all snapshots, in order.
     *
     * @return the cursors
     */
    public synchronized List<CloseRecordingCursor> cursors() {
        return List.copyOf(cursors);
    }

    /**
     * Returns whether every snapshot and every cursor opened so far was closed.
     *
     * @return {@code true} when nothing is left open
     */
    public synchronized boolean everythingClosed() {
        return snapshots.stream().allMatch(FakeSnapshot::isClosed) && cursors.stream().allMatch(CloseRecordingCursor::isClosed);
    }

    synchronized SourceInfo info() {
        return info;
    }

    synchronized List<TableSchema> schemas() {
        return List.copyOf(schemas.values());
    }

    synchronized List<Map<String, Object>> rowsOf(String table) {
        return List.copyOf(rows.getOrDefault(table, List.of()));
    }

    synchronized Failure rowFailure(String table) {
        return rowFailures.get(table);
    }

    synchronized RuntimeException tablesFailure() {
        return tablesFailure;
    }

    synchronized void recordQuery(RowQuery query) {
        queries.add(query);
    }

    synchronized void recordCursor(CloseRecordingCursor cursor) {
        cursors.add(cursor);
    }
}
