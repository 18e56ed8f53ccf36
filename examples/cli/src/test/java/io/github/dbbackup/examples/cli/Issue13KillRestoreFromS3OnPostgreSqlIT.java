package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13, "kill tests": the CLI as a real process, reading from an {@code s3://} store (S3Proxy in
 * this JVM), killed with SIGKILL in the middle of a {@code restore --mode replace} into PostgreSQL. The restore is one transaction, so the server
 * rolls it back when the killed client's socket closes: the target keeps exactly its old rows, and
 * the next, uninterrupted restore succeeds.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class Issue13KillRestoreFromS3OnPostgreSqlIT {

    private static final List<String> TABLES = List.of("t0", "t1", "t2");
    private static final int BIG_ROWS = 50_000;

    /**
     * A restore backend of the target writing one of the big tables: t0 (tiny, first in FK order) is
     * written and every table's rows are deleted inside the restore's transaction by then.
     */
    private static final String WRITING_A_BIG_TABLE = "SELECT pid FROM pg_stat_activity WHERE datname = ?"
            + " AND pid <> pg_backend_pid() AND state = 'active'"
            + " AND (query ILIKE 'COPY%t1%' OR query ILIKE 'INSERT%t1%'"
            + " OR query ILIKE 'COPY%t2%' OR query ILIKE 'INSERT%t2%')";

    private final TestDatabase source;
    private final TestDatabase target;

    @TempDir
    Path work;

    Issue13KillRestoreFromS3OnPostgreSqlIT(TestDatabase db) {
        this.source = db;
        this.target = db.createSibling();
    }

    private static void createSchema(TestDatabase db) {
        db.execute("CREATE TABLE t0 (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE t1 (id BIGINT PRIMARY KEY, t0_id BIGINT NOT NULL REFERENCES t0 (id), payload TEXT NOT NULL)",
                "CREATE TABLE t2 (id BIGINT PRIMARY KEY, t0_id BIGINT NOT NULL REFERENCES t0 (id), payload TEXT NOT NULL)");
    }

    private static CliS3Proxy server;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliS3Proxy.start();
        CliS3Proxy.useForThisJvm();
    }

    @AfterAll
    static void stopServer() throws Exception {
        CliS3Proxy.forgetForThisJvm();
        server.close();
    }

    private List<String> store() {
        return server.storeArgs(bucket, "restore-kill");
    }

    private static List<String> args(TestDatabase db, String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--url", db.jdbcUrl()));
        if (!db.user().isEmpty()) {
            args.addAll(List.of("--user", db.user()));
        }
        return args;
    }

    private Map<String, String> env() {
        return source.password().isEmpty() ? Map.of() : Map.of(DbBackupCli.PASSWORD_ENV, source.password());
    }

    /** Starts the CLI in its own JVM, on this test's classpath. */
    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DbBackupCli.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("cli-" + System.nanoTime() + ".log").toFile());
        builder.environment().putAll(env());
        builder.environment().putAll(CliS3Proxy.childEnv());
        return builder.start();
    }

    /** Every row of every table, each value as PostgreSQL prints it, ordered by key. */
    private static Map<String, List<String>> rows(TestDatabase db) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                String columns = table.equals("t0") ? "id::text, name::text" : "id::text, t0_id::text, payload::text";
                List<String> values = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY id")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(i == 1 ? "" : "|").append(rs.getString(i));
                        }
                        values.add(row.toString());
                    }
                }
                rows.put(table, values);
            }
        }
        return rows;
    }

    /** Waits until a backend of the target writes a big table for the restore, then kills the CLI with SIGKILL. */
    private int killWhileWritingABigTable(Process restore) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = target.openConnection(); PreparedStatement ps = c.prepareStatement(WRITING_A_BIG_TABLE)) {
            ps.setString(1, target.name());
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        int pid = rs.getInt(1);
                        restore.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
                        assertThat(restore.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        assertThat(restore.exitValue()).as("the CLI was killed, not finished").isEqualTo(137);
                        return pid;
                    }
                }
                assertThat(restore.isAlive()).as("the CLI finished before it could be killed mid-way: %s", log())
                        .isTrue();
                assertThat(System.nanoTime() - deadline).as("waited too long for the restore to write t1 or t2")
                        .isNegative();
                Thread.sleep(2);
            }
        }
    }

    private String log() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(work)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** The server rolls back the killed client's transaction once it notices the closed socket. */
    private void awaitBackendGone(int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (target.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid) > 0) {
            assertThat(System.nanoTime() - deadline).as("backend %s of the killed restore is still there", pid)
                    .isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void issue13_aRestoreKilledMidWayLeavesTheTargetsRowsUnchangedAndTheNextRestoreSucceeds() throws Exception {
        createSchema(source);
        source.execute("INSERT INTO t0 SELECT g, 'owner-' || g FROM generate_series(1, 5) g",
                "INSERT INTO t1 SELECT g, 1 + g % 5, g || repeat('a', 200) FROM generate_series(1, " + BIG_ROWS + ") g",
                "INSERT INTO t2 SELECT g, 1 + g % 5, g || repeat('b', 200) FROM generate_series(1, " + BIG_ROWS + ") g");
        createSchema(target);
        // different rows, partly under the same keys as the source's
        target.execute("INSERT INTO t0 SELECT g, 'old-' || g FROM generate_series(3, 9) g",
                "INSERT INTO t1 SELECT g, 3 + g % 7, 'old t1 ' || g FROM generate_series(1, 1000, 3) g",
                "INSERT INTO t2 SELECT g, 3 + g % 7, 'old t2 ' || g FROM generate_series(7, 2000, 2) g");
        Map<String, List<String>> original = rows(target);

        bucket = server.createBucket();
        Cli cli = Cli.withEnv(env());
        List<String> backupArgs = args(source, "backup");
        backupArgs.addAll(store());
        Cli.Run backup = cli.run(backupArgs.toArray(String[]::new));
        assertThat(backup.exit()).as("%s", backup).isZero();

        List<String> restore = args(target, "restore", "--backup", "latest", "--mode", "replace");
        restore.addAll(store());
        int pid = killWhileWritingABigTable(start(restore));
        awaitBackendGone(pid);

        assertThat(rows(target)).isEqualTo(original);

        Cli.Run again = cli.run(restore.toArray(String[]::new));
        assertThat(again.exit()).as("%s", again).isZero();
        Map<String, List<String>> expected = rows(source);
        assertThat(expected.get("t2")).hasSize(BIG_ROWS);
        assertThat(rows(target)).isEqualTo(expected);
    }
}
