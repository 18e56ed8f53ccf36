package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #13.3 through the CLI: an empty backup exits 1 and writes nothing; a shrunken table shows in {@code list --json}. */
class Issue13CliTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "pw-Secret-4711";

    @TempDir
    Path dir;

    private Path store;
    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        store = dir.resolve("store");
        url = "jdbc:h2:file:" + dir.resolve("source") + ";DATABASE_TO_LOWER=TRUE";
        execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "INSERT INTO items VALUES (1, 'item 1'), (2, 'item 2'), (3, 'item 3'), (4, 'item 4'), (5, 'item 5'),"
                        + " (6, 'item 6'), (7, 'item 7'), (8, 'item 8'), (9, 'item 9'), (10, 'item 10')",
                "CREATE SCHEMA nothing_here");
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private Cli.Run run(String... args) {
        return Cli.withEnv(Map.of(DbBackupCli.PASSWORD_ENV, PASSWORD)).run(args);
    }

    private Cli.Run backup(String... more) {
        return run(Stream.concat(Stream.of("backup", "--url", url, "--user", USER, "--store", store.toString()),
                Stream.of(more)).toArray(String[]::new));
    }

    private List<Map<String, Object>> list() {
        Cli.Run list = run("list", "--store", store.toString(), "--json");
        assertThat(list.exit()).as("%s", list).isZero();
        return Cli.parseList(list.out());
    }

    @Test
    void issue13_aMistypedSchemaExitsOneNamingItAndWritesNoSet() throws Exception {
        Cli.Run run = backup("--schema", "nothing_her");

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("schema 'nothing_her' does not exist");
        assertThat(list()).isEmpty();
        try (Stream<Path> files = Files.exists(store) ? Files.walk(store) : Stream.empty()) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith("manifest.json"))).isEmpty();
        }
    }

    @Test
    void issue13_anEmptySchemaExitsOneUnlessThePlanFileAllowsAnEmptyBackup() throws Exception {
        Cli.Run refused = backup("--schema", "nothing_here");
        assertThat(refused.exit()).as("%s", refused).isEqualTo(1);
        assertThat(refused.err()).contains("Nothing to back up");
        assertThat(list()).isEmpty();

        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{ \"includeAllOtherTables\": true, \"allowEmptyBackup\": true }");
        Cli.Run allowed = backup("--schema", "nothing_here", "--plan", plan.toString());
        assertThat(allowed.exit()).as("%s", allowed).isZero();
        assertThat(list()).singleElement().satisfies(set -> assertThat(set).containsEntry("tables", 0L));
    }

    @Test
    void issue13_listJsonShowsATableThatLostMoreThanHalfOfItsRows() throws Exception {
        Cli.Run first = backup();
        assertThat(first.exit()).as("%s", first).isZero();
        execute("DELETE FROM items WHERE id > 4");
        Cli.Run second = backup();
        assertThat(second.exit()).as("%s", second).isZero();

        List<Map<String, Object>> sets = list();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0)).containsEntry("warnings", List.of());
        assertThat(sets.get(1)).containsEntry("warnings", List.of("table 'items' has 4 rows, the previous set '"
                + first.lastOutLine() + "' had 10 (it lost more than half); check that no rows were lost before"
                + " relying on this set"));
    }

    /** A source whose one table cannot be read whole, and which has a materialized view. */
    private static BackupSource partialSource() {
        TableSchema items = new TableSchema("items", List.of(new ColumnSchema("id", Types.BIGINT, "BIGINT",
                ValueType.INTEGER, ValueType.INTEGER, false, 19, 0, false, false, null)), List.of("id"), List.of());
        return () -> new SourceSnapshot() {
            @Override
            public SourceInfo info() {
                return new SourceInfo("FakeDB", "1", "fake", "public", "fake:");
            }

            @Override
            public List<TableSchema> tables() {
                return List.of(items);
            }

            @Override
            public List<ExcludedTable> objectsNotCarried() {
                return List.of(new ExcludedTable("mv", "materialized view", "REFRESH MATERIALIZED VIEW mv"));
            }

            @Override
            public void checkReadable(List<TableSchema> tables) {
                throw new SchemaMismatchException("items", "table 'items' is filtered by row-level security");
            }

            @Override
            public RowCursor rows(RowQuery query) {
                throw new AssertionError("no row may be read from a table that cannot be read whole");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void issue13_theTerminalsProgressForwardsTheChecksThatNoTableIsLeftOutOrReadInPart() {
        Progress progress = Progress.of(new PrintWriter(new StringWriter()), "backup", true);
        BackupSource tracked = progress.track(partialSource());
        assertThat(tracked).isNotSameAs(partialSource());

        assertThatThrownBy(() -> Backups.builder().source(tracked).store(new InMemoryBlobStore())
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(AuditSink.noop()).build().backup())
                .hasMessageContaining("table 'mv' exists");
        assertThatThrownBy(() -> Backups.builder().source(tracked).store(new InMemoryBlobStore())
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.table("mv", "derived"))).audit(AuditSink.noop())
                .build().backup())
                .hasMessageContaining("table 'items' is filtered by row-level security");
        progress.done();
    }
}
