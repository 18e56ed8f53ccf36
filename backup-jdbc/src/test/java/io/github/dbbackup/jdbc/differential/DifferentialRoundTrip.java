package io.github.dbbackup.jdbc.differential;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.JdbcSource;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The randomized, differential round trip of issue #12: for one seed, a table over every column
 * type of a dialect, filled with each type's edge values and random ordinary ones (NULLs
 * everywhere), is backed up, verified at level FULL and restored through every path into fresh
 * targets; every value of every row is then compared with the source as the database prints it.
 *
 * <p>A case also fixes the JVM's default time zone and the session settings of source and target.
 * Seeds come from system properties: {@value #SEED} runs one seed; otherwise seeds {@code 1..N}
 * with N from {@value #SEEDS} (default 1). Each seed runs under the JVM zones {@code UTC} and
 * {@code Europe/Berlin}, each with the source on the server's default session settings and the
 * target on the other variant, and the reverse.
 *
 * <p>A backup that refuses a value is accepted only when the value's class is marked
 * {@link ValueClass#mayBeRefused() may be refused} and the error names the table and column; the
 * column is then dropped and the backup repeated. Values in {@link KnownBroken} are not generated.
 *
 * @since 0.1
 */
public final class DifferentialRoundTrip {

    /** System property: the number of seeds, {@code 1..N} (default 1). */
    public static final String SEEDS = "dbbackup.differential.seeds";

    /** System property: {@code true} generates the {@link KnownBroken} values too, to see which fixes are in. */
    public static final String WITH_KNOWN_BROKEN = "dbbackup.differential.withKnownBroken";

    /** System property: only the column types with these keys, {@code |}-separated (e.g. {@code date[]|time}). */
    public static final String TYPES = "dbbackup.differential.types";

    /** System property: one seed to run, e.g. to reproduce a failure. */
    public static final String SEED = "dbbackup.differential.seed";

    private static final String TABLE = "diff";
    private static final int EXTRA_KEY = 1_000_000;
    private static final List<ZoneId> JVM_ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"));

    private final DifferentialDialect dialect;

    /**
     * One case.
     *
     * @param seed the seed of the generated table and rows
     * @param jvmZone the JVM default time zone during backup and restore
     * @param source the source's session settings
     * @param target the targets' session settings
     */
    public record Case(long seed, ZoneId jvmZone, SessionVariant source, SessionVariant target) {
        @Override
        public String toString() {
            return "seed " + seed + ", JVM zone " + jvmZone + ", source session " + source + ", target session " + target;
        }
    }

    /** One column of the generated table. */
    private record Column(String name, ColumnType type) {
    }

    /** One value: its SQL expression and the value classes it was drawn from. */
    private record Cell(String sql, List<String> classes, boolean mayBeRefused) {
    }

    /**
     * Creates the suite for a dialect.
     *
     * @param dialect the dialect
     */
    public DifferentialRoundTrip(DifferentialDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Returns the cases the system properties ask for.
     *
     * @return the cases
     */
    public Stream<Case> cases() {
        String one = System.getProperty(SEED);
        LongStream seeds = one != null && !one.isBlank() ? LongStream.of(Long.parseLong(one.trim()))
                : LongStream.rangeClosed(1, Long.getLong(SEEDS, 1));
        List<SessionVariant> variants = dialect.sessionVariants();
        return seeds.boxed().flatMap(seed -> JVM_ZONES.stream().flatMap(zone -> Stream.of(
                new Case(seed, zone, variants.get(0), variants.get(1)),
                new Case(seed, zone, variants.get(1), variants.get(0)))));
    }

    /**
     * Runs one case with databases created next to {@code anchor}, dropped afterwards.
     *
     * @param anchor the test class's database, used to create siblings
     * @param c the case
     * @throws AssertionError naming seed, table, column, key, source and target text of every mismatch
     */
    public void run(TestDatabase anchor, Case c) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TimeZone before = TimeZone.getDefault();
        try (TestDatabase source = anchor.createSibling()) {
            List<Column> columns = columns(c.seed());
            Map<Integer, List<Cell>> rows = rows(columns, new Random(c.seed()));
            createTable(source, columns);
            insert(source, columns, rows);
            DataSource sourceDs = applySession(source, c.source());

            TimeZone.setDefault(TimeZone.getTimeZone(c.jvmZone()));
            dialect.jvmZoneChanged();

            InMemoryBlobStore store = new InMemoryBlobStore();
            BackupResult backup = null;
            for (int attempt = 0; backup == null && attempt <= columns.size(); attempt++) {
                try {
                    backup = Backups.builder().source(JdbcSource.of(sourceDs)).store(store)
                            .plan(BackupPlan.builder().tables(TABLE).strict(false).build()).audit(AuditSink.noop())
                            .build().backup();
                } catch (RuntimeException e) {
                    Column refused = refusedColumn(e, columns);
                    if (refused == null) {
                        failures.add("backup failed: " + e);
                        break;
                    }
                    if (isRefusable(refused, columns, rows)) {
                        notes.add("backup refused " + refused.name() + " (" + refused.type().key() + "): " + e.getMessage());
                    } else {
                        // a failure, but go on without the column: one run reports every column that fails
                        failures.add("backup failed on column " + refused.name() + " (" + refused.type().key()
                                + ", classes " + classesOf(refused, columns, rows) + "): " + e);
                    }
                    int index = columns.indexOf(refused);
                    source.execute("ALTER TABLE " + dialect.quote(TABLE) + " DROP COLUMN " + dialect.quote(refused.name()));
                    columns = new ArrayList<>(columns);
                    columns.remove(index);
                    for (List<Cell> row : rows.values()) {
                        row.remove(index);
                    }
                }
            }
            if (backup != null) {
                VerificationResult verified = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                        .verify(backup.id(), VerificationLevel.FULL);
                if (!verified.isOk()) {
                    failures.add("verify FULL found problems: " + verified.problems());
                }
                Map<Integer, List<String>> expected = printed(source, columns);
                for (RestorePath path : dialect.restorePaths()) {
                    restoreAndCompare(source, c, columns, rows, expected, store, backup.id(), path, failures);
                }
            }
        } finally {
            TimeZone.setDefault(before);
            dialect.jvmZoneChanged();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(dialect.kind().displayName() + " differential round trip, " + c + ", table "
                    + TABLE + ": " + failures.size() + " problem(s); reproduce with -D" + SEED + "=" + c.seed()
                    + "\n  " + String.join("\n  ", failures.stream().limit(200).map(DifferentialRoundTrip::oneLine).toList())
                    + (notes.isEmpty() ? "" : "\n  notes: " + String.join("\n  ", notes)));
        }
    }

    private void restoreAndCompare(TestDatabase source, Case c, List<Column> columns, Map<Integer, List<Cell>> sourceRows,
            Map<Integer, List<String>> expected,
            InMemoryBlobStore store, String id, RestorePath path, List<String> failures) throws Exception {
        try (TestDatabase target = source.createSibling()) {
            createTable(target, columns);
            Map<Integer, List<String>> extraBefore = Map.of();
            if (path == RestorePath.UPSERT) {
                Map<Integer, List<Cell>> other = rows(columns, new Random(~c.seed()));
                Map<Integer, List<Cell>> prefill = new TreeMap<>();
                for (Integer key : expected.keySet()) {
                    if (key % 2 == 0 && other.containsKey(key)) {
                        prefill.put(key, other.get(key));
                    }
                }
                prefill.put(EXTRA_KEY, other.values().iterator().next());
                insert(target, columns, prefill);
                extraBefore = printed(target, columns);
                extraBefore.keySet().retainAll(List.of(EXTRA_KEY));
            }
            DataSource targetDs = applySession(target, c.target());
            try {
                Restorer.builder().store(store).target(path.target(targetDs)).options(path.options())
                        .audit(AuditSink.noop()).build().restore(id);
            } catch (RuntimeException e) {
                failures.add(path + " restore failed: " + e);
                return;
            }
            Map<Integer, List<String>> actual = printed(target, columns);
            int[] mismatches = new int[columns.size()];
            for (Map.Entry<Integer, List<String>> row : expected.entrySet()) {
                List<String> got = actual.get(row.getKey());
                if (got == null) {
                    failures.add(path + ": row id=" + row.getKey() + " is missing");
                    continue;
                }
                for (int i = 0; i < columns.size(); i++) {
                    String want = row.getValue().get(i);
                    if (!java.util.Objects.equals(want, got.get(i)) && ++mismatches[i] <= 2) {
                        Column column = columns.get(i);
                        failures.add(path + ": seed " + c.seed() + ", table " + TABLE + ", column " + column.name() + " ("
                                + column.type().key() + "), id=" + row.getKey() + " " + sourceRows.get(row.getKey()).get(i)
                                .classes() + ": source " + show(want) + ", target " + show(got.get(i)));
                    }
                }
            }
            for (int i = 0; i < columns.size(); i++) {
                if (mismatches[i] > 2) {
                    failures.add(path + ": … and " + (mismatches[i] - 2) + " more rows differ in column " + columns.get(i).name());
                }
            }
            for (Map.Entry<Integer, List<String>> extra : extraBefore.entrySet()) {
                if (!extra.getValue().equals(actual.get(extra.getKey()))) {
                    failures.add(path + ": the target's own row id=" + extra.getKey() + " changed");
                }
            }
            int expectedRows = expected.size() + extraBefore.size();
            if (actual.size() != expectedRows) {
                failures.add(path + ": target has " + actual.size() + " rows, expected " + expectedRows);
            }
        }
    }

    /** A failure on one line of at most 800 characters (database errors may quote whole statements). */
    private static String oneLine(String failure) {
        String line = failure.replace("\n", " ⏎ ");
        int error = line.indexOf("ERROR:");
        if (error > 300) {
            line = line.substring(0, 300) + " … " + line.substring(error); // PostgreSQL's error after the statement
        }
        return line.length() > 800 ? line.substring(0, 800) + "…" : line;
    }

    private static String show(String text) {
        if (text == null) {
            return "NULL";
        }
        StringBuilder sb = new StringBuilder("'");
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String shown = sb.append('\'').toString();
        return shown.length() > 300 ? shown.substring(0, 300) + "…' (" + text.length() + " chars)" : shown;
    }

    /** The column a backup error names (with the table), or null. */
    private static Column refusedColumn(RuntimeException e, List<Column> columns) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains(TABLE)) {
            return null;
        }
        Column named = null;
        for (Column column : columns) {
            if (message.contains(column.name()) && (named == null || column.name().length() > named.name().length())) {
                named = column; // the longest match: c07_date_refusable, not c07_date
            }
        }
        return named;
    }

    private static boolean isRefusable(Column column, List<Column> columns, Map<Integer, List<Cell>> rows) {
        int index = columns.indexOf(column);
        return rows.values().stream().anyMatch(row -> row.get(index).mayBeRefused());
    }

    private static java.util.Set<String> classesOf(Column column, List<Column> columns, Map<Integer, List<Cell>> rows) {
        int index = columns.indexOf(column);
        java.util.Set<String> classes = new java.util.TreeSet<>();
        rows.values().forEach(row -> classes.addAll(row.get(index).classes()));
        return classes;
    }

    private Map<String, String> broken() {
        return Boolean.getBoolean(WITH_KNOWN_BROKEN) ? Map.of() : dialect.knownBroken();
    }

    private List<Column> columns(long seed) {
        List<Column> columns = new ArrayList<>();
        int n = 1;
        for (ColumnType type : dialect.types()) {
            String only = System.getProperty(TYPES, "");
            if (broken().containsKey(type.key() + "/*")
                    || !only.isBlank() && !List.of(only.split("\\|")).contains(type.key())) {
                continue;
            }
            String name = String.format(Locale.ROOT, "c%02d_%s", n++,
                    type.key().toLowerCase(Locale.ROOT).replace("[]", "_arr").replaceAll("[^a-z0-9_]+", "_"));
            List<ValueClass> refusable = type.classes().stream().filter(ValueClass::mayBeRefused).toList();
            if (refusable.isEmpty()) {
                columns.add(new Column(name, type));
            } else {
                // values a backup may refuse get a column of their own, so a refusal drops only them
                List<ValueClass> rest = type.classes().stream().filter(v -> !v.mayBeRefused()).toList();
                columns.add(new Column(name, new ColumnType(type.key(), type.ddl(), rest, type.element(), type.dimensions(),
                        type.arrayOf(), type.print())));
                columns.add(new Column(name + "_refusable", new ColumnType(type.key(), type.ddl(), refusable, null, 1,
                        type.arrayOf(), type.print())));
            }
        }
        Collections.shuffle(columns, new Random(seed)); // column order varies by seed too
        return columns;
    }

    private List<ValueClass> usable(String key, List<ValueClass> classes, boolean edge) {
        List<ValueClass> usable = new ArrayList<>();
        for (ValueClass v : classes) {
            if (v.edge() == edge && !broken().containsKey(key + "/" + v.name())) {
                usable.add(v);
            }
        }
        return usable;
    }

    /** Rows keyed by id: each column's edge values first (in a seeded order), then random ones. */
    private Map<Integer, List<Cell>> rows(List<Column> columns, Random random) {
        int edgeRows = 0;
        for (Column column : columns) {
            ColumnType t = column.type();
            String key = t.key();
            int edges = usable(key, t.classes(), true).size() + (t.isArray() ? usable(key, leaf(t).classes(), true).size() : 0);
            edgeRows = Math.max(edgeRows, edges);
        }
        int total = edgeRows + 8 + random.nextInt(12);
        List<List<Cell>> byColumn = new ArrayList<>();
        for (Column column : columns) {
            byColumn.add(cells(column.type(), total, random));
        }
        Map<Integer, List<Cell>> rows = new TreeMap<>();
        for (int r = 0; r < total; r++) {
            List<Cell> row = new ArrayList<>();
            for (List<Cell> cells : byColumn) {
                row.add(cells.get(r));
            }
            rows.put(r + 1, row);
        }
        return rows;
    }

    private List<Cell> cells(ColumnType type, int total, Random random) {
        List<Cell> cells = new ArrayList<>();
        String key = type.key();
        List<ValueClass> edges = usable(key, type.classes(), true);
        List<ValueClass> ordinary = usable(key, type.classes(), false);
        if (type.isArray()) {
            List<ValueClass> elementEdges = usable(key, leaf(type).classes(), true);
            List<ValueClass> elementOrdinary = usable(key, leaf(type).classes(), false);
            List<ValueClass> all = new ArrayList<>(elementEdges);
            all.addAll(elementOrdinary);
            for (ValueClass edge : elementEdges) {
                cells.add(array(type, random, all, edge));
            }
            for (ValueClass edge : edges) {
                cells.add(scalar(edge, random));
            }
            while (cells.size() < total) {
                int dice = random.nextInt(100);
                if (dice < 12) {
                    cells.add(new Cell("NULL", List.of("null"), false));
                } else if (dice < 20 && !ordinary.isEmpty()) {
                    cells.add(scalar(ordinary.get(random.nextInt(ordinary.size())), random));
                } else {
                    cells.add(array(type, random, all, null));
                }
            }
        } else {
            for (ValueClass edge : edges) {
                cells.add(scalar(edge, random));
            }
            List<ValueClass> any = new ArrayList<>(edges);
            any.addAll(ordinary);
            while (cells.size() < total) {
                int dice = random.nextInt(100);
                List<ValueClass> from = dice < 25 || ordinary.isEmpty() ? any : ordinary;
                cells.add(dice < 15 || from.isEmpty() ? new Cell("NULL", List.of("null"), false)
                        : scalar(from.get(random.nextInt(from.size())), random));
            }
        }
        Collections.shuffle(cells, random);
        return cells;
    }

    private static Cell scalar(ValueClass v, Random random) {
        return new Cell(v.sql().apply(random), List.of(v.name()), v.mayBeRefused());
    }

    /** An array holding {@code edge} (when given) among random elements; nested arrays have equal inner lengths. */
    private static Cell array(ColumnType type, Random random, List<ValueClass> leafClasses, ValueClass edge) {
        List<String> classes = new ArrayList<>();
        boolean[] refusable = {false};
        String sql;
        if (type.element().isArray()) {
            int outer = 1 + random.nextInt(3);
            int inner = 1 + random.nextInt(3);
            int edgeAt = edge == null ? -1 : random.nextInt(outer);
            List<String> inners = new ArrayList<>();
            for (int o = 0; o < outer; o++) {
                inners.add(flat(type.element(), inner, random, leafClasses, o == edgeAt ? edge : null, classes, refusable));
            }
            sql = type.arrayOf().apply(inners);
        } else {
            int length = edge == null ? random.nextInt(5) : 1 + random.nextInt(3);
            sql = flat(type, length, random, leafClasses, edge, classes, refusable);
        }
        return new Cell(sql, classes, refusable[0]);
    }

    private static String flat(ColumnType type, int length, Random random, List<ValueClass> leafClasses, ValueClass edge,
            List<String> classes, boolean[] refusable) {
        int edgeAt = edge == null ? -1 : random.nextInt(length);
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ValueClass v = i == edgeAt ? edge
                    : random.nextInt(7) == 0 ? null : leafClasses.get(random.nextInt(leafClasses.size()));
            if (v == null) {
                sql.add("NULL");
                classes.add("null");
            } else {
                sql.add(v.sql().apply(random));
                classes.add(v.name());
                refusable[0] |= v.mayBeRefused();
            }
        }
        return type.arrayOf().apply(sql);
    }

    private static ColumnType leaf(ColumnType type) {
        ColumnType t = type;
        while (t.isArray()) {
            t = t.element();
        }
        return t;
    }

    private void createTable(TestDatabase db, List<Column> columns) {
        List<String> sql = new ArrayList<>(dialect.setup());
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + dialect.quote(TABLE) + " (" + dialect.quote("id")
                + " INTEGER NOT NULL PRIMARY KEY");
        for (Column column : columns) {
            ddl.append(", ").append(dialect.quote(column.name())).append(' ').append(column.type().ddl());
        }
        sql.add(ddl.append(')').toString());
        db.execute(sql.toArray(String[]::new));
    }

    private void insert(TestDatabase db, List<Column> columns, Map<Integer, List<Cell>> rows) throws SQLException {
        StringBuilder head = new StringBuilder("INSERT INTO " + dialect.quote(TABLE) + " (" + dialect.quote("id"));
        for (Column column : columns) {
            head.append(", ").append(dialect.quote(column.name()));
        }
        head.append(") VALUES (");
        try (Connection connection = canonical(db); Statement s = connection.createStatement()) {
            for (Map.Entry<Integer, List<Cell>> row : rows.entrySet()) {
                StringBuilder sql = new StringBuilder(head).append(row.getKey());
                for (Cell cell : row.getValue()) {
                    sql.append(", ").append(cell.sql());
                }
                String statement = sql.append(')').toString();
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new IllegalStateException("the generator wrote a row the database rejects: "
                            + culprit(s, columns, row.getValue()), e);
                }
            }
        }
    }

    /** Inserts the row's cells one by one to name the one the database rejects. */
    private String culprit(Statement s, List<Column> columns, List<Cell> row) {
        for (int i = 0; i < columns.size(); i++) {
            String sql = "INSERT INTO " + dialect.quote(TABLE) + " (" + dialect.quote("id") + ", "
                    + dialect.quote(columns.get(i).name()) + ") VALUES (-1, " + row.get(i).sql() + ")";
            try {
                s.execute(sql);
                s.execute("DELETE FROM " + dialect.quote(TABLE) + " WHERE " + dialect.quote("id") + " = -1");
            } catch (SQLException e) {
                String cell = row.get(i).sql();
                return "column " + columns.get(i).name() + ", classes " + row.get(i).classes() + ": " + e.getMessage()
                        + "\n" + (cell.length() > 500 ? cell.substring(0, 500) + "…" : cell);
            }
        }
        return "no single value fails";
    }

    private Connection canonical(TestDatabase db) throws SQLException {
        Connection connection = db.openConnection();
        try (Statement s = connection.createStatement()) {
            for (String sql : dialect.canonicalSession()) {
                s.execute(sql);
            }
        }
        return connection;
    }

    private DataSource applySession(TestDatabase db, SessionVariant variant) {
        for (String sql : variant.databaseSettings()) {
            db.execute(String.format(Locale.ROOT, sql, dialect.quote(db.name())));
        }
        return SessionDataSource.of(db.dataSource(), variant.sessionInit());
    }

    /** Every row's values as the database prints them, keyed by id, under the canonical session. */
    private Map<Integer, List<String>> printed(TestDatabase db, List<Column> columns) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + dialect.quote("id"));
        for (Column column : columns) {
            String quoted = dialect.quote(column.name());
            ColumnType type = column.type();
            sql.append(", ").append(type.print() != null ? String.format(Locale.ROOT, type.print(), quoted)
                    : dialect.print(quoted, type));
        }
        sql.append(" FROM ").append(dialect.quote(TABLE));
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        try (Connection connection = canonical(db); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.add(rs.getString(i + 2));
                }
                rows.put(rs.getInt(1), values);
            }
        }
        return rows;
    }

}
