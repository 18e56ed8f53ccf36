package io.github.dbbackup.benchmarks;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.JdbcSource;
import io.github.dbbackup.jdbc.JdbcTarget;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures, on one PostgreSQL database filled with the QA-app dataset, in one run: dbbackup backup
 * vs {@code pg_dump --data-only -Fc} and {@code -Fd -j 2}; raw {@code COPY … TO} of the largest table
 * as the extraction ceiling; dbbackup restore vs {@code pg_restore --data-only} into an empty copy of
 * the schema, and against single-row INSERTs (one statement and round trip per row, as a hand-written
 * restore script does; {@code --single-row-runs} times, default 1, 0 to skip: it is slow); and the
 * peak heap of each dbbackup run. Prints medians of {@code --runs} runs, rows/s, MB/s and the ratios.
 *
 * <pre>
 * java -Xmx256m -jar benchmarks/target/dbbackup-benchmarks.jar [--scale 1] [--runs 3]
 *     [--test-runs N] [--single-row-runs 1] [--host 127.0.0.1] [--port 5432] [--user postgres]
 * </pre>
 * Scale 1 is 1,000,000 test runs (the largest table) plus the QA-app sample data; {@code --test-runs}
 * sets that number directly (a quick smoke run: {@code --test-runs 20000 --runs 1}).
 */
public final class PgDumpComparison {

    private final String host;
    private final int port;
    private final String user;
    private final int scale;
    private final long testRuns;
    private final int runs;
    private final int singleRowRuns;
    private final PrintStream out = System.out;

    private PgDumpComparison(Map<String, String> args) {
        this.host = args.getOrDefault("host", "127.0.0.1");
        this.port = Integer.parseInt(args.getOrDefault("port", "5432"));
        this.user = args.getOrDefault("user", "postgres");
        this.scale = Integer.parseInt(args.getOrDefault("scale", "1"));
        this.testRuns = Long.parseLong(args.getOrDefault("test-runs", String.valueOf(scale * 1_000_000L)));
        this.runs = Integer.parseInt(args.getOrDefault("runs", "3"));
        this.singleRowRuns = Integer.parseInt(args.getOrDefault("single-row-runs", "1"));
    }

    /**
     * Runs the comparison.
     *
     * @param argv {@code --name value} pairs
     * @throws Exception when a step fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new PgDumpComparison(args).run();
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
    }

    private DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(database));
        return ds;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void run() throws Exception {
        String source = "dbbackup_bench_source";
        String target = "dbbackup_bench_target";
        Path work = Files.createTempDirectory("dbbackup-bench");
        try {
            long rows = prepare(source);
            long largest = rows(source, "test_runs");
            out.printf(Locale.ROOT, "dataset: %,d rows in the backed-up tables (%,d in test_runs), scale %d, %d runs each%n",
                    rows, largest, scale, runs);
            out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MiB, %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20, version(source));

            List<Double> backupSeconds = new ArrayList<>();
            List<Long> backupPeaks = new ArrayList<>();
            long storedBytes = 0;
            Path lastStore = null;
            for (int i = 0; i < runs; i++) {
                Path store = work.resolve("dbbackup-" + i);
                resetPeaks();
                long t0 = System.nanoTime();
                BackupResult result = Backups.builder().source(JdbcSource.of(dataSource(source)))
                        .store(FileSystemBlobStore.of(store)).plan(QaAppPlan.plan()).audit(AuditSink.noop()).build().backup();
                backupSeconds.add((System.nanoTime() - t0) / 1e9);
                backupPeaks.add(peakHeap());
                storedBytes = result.totalBytes();
                if (lastStore != null) {
                    deleteTree(lastStore);
                }
                lastStore = store;
            }
            Variant fast = timeBackups(work, "fast", b -> b.compressionLevel(1));
            Variant parallel = timeBackups(work, "parallel", b -> b.parallelism(2));
            Variant zstd = timeBackups(work, "zstd", b -> b.codec(Codecs.byId("zstd")));
            Variant zstdParallel = timeBackups(work, "zstd-parallel", b -> b.codec(Codecs.byId("zstd")).parallelism(2));
            List<Double> fcSeconds = timeCommand(runs, i -> List.of("pg_dump", "--data-only", "-Fc", "-h", host, "-p",
                    String.valueOf(port), "-U", user, "-f", work.resolve("dump-" + i + ".fc").toString(), source));
            long fcBytes = Files.size(work.resolve("dump-0.fc"));
            List<Double> fdSeconds = timeCommand(runs, i -> List.of("pg_dump", "--data-only", "-Fd", "-j", "2", "-h", host,
                    "-p", String.valueOf(port), "-U", user, "-f", work.resolve("dump-" + i + ".fd").toString(), source));
            List<Double> copySeconds = timeCommand(runs, i -> List.of("psql", "-h", host, "-p", String.valueOf(port), "-U",
                    user, "-d", source, "-q", "-c", "\\copy test_runs TO '/dev/null'"));

            List<Double> restoreSeconds = new ArrayList<>();
            List<Double> insertSeconds = new ArrayList<>();
            List<Long> restorePeaks = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                for (boolean copy : new boolean[] {true, false}) {
                    emptyCopy(target);
                    resetPeaks();
                    long t0 = System.nanoTime();
                    RestoreReport report = Restorer.builder().store(FileSystemBlobStore.of(lastStore))
                            .target(JdbcTarget.builder(dataSource(target)).bulkLoad(copy).build()).audit(AuditSink.noop())
                            .build().restore(Restorer.LATEST);
                    (copy ? restoreSeconds : insertSeconds).add((System.nanoTime() - t0) / 1e9);
                    restorePeaks.add(peakHeap());
                    if (report.totalRows() != rows) {
                        throw new IllegalStateException("restored " + report.totalRows() + " rows, expected " + rows);
                    }
                }
            }
            List<Double> pgRestoreSeconds = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                emptyCopy(target);
                pgRestoreSeconds.addAll(timeCommand(1, j -> List.of("pg_restore", "--data-only", "--disable-triggers",
                        "-h", host, "-p", String.valueOf(port), "-U", user, "-d", target, work.resolve("dump-0.fc").toString())));
            }

            // The yardstick of the original runbook's script: one INSERT and one round trip per row.
            List<Double> singleRowSeconds = new ArrayList<>();
            for (int i = 0; i < singleRowRuns; i++) {
                emptyCopy(target);
                long t0 = System.nanoTime();
                Restorer.builder().store(FileSystemBlobStore.of(lastStore))
                        .target(JdbcTarget.builder(dataSource(target)).bulkLoad(false).batchSize(1).build())
                        .audit(AuditSink.noop()).build().restore(Restorer.LATEST);
                singleRowSeconds.add((System.nanoTime() - t0) / 1e9);
            }

            double backup = median(backupSeconds);
            double fc = median(fcSeconds);
            double fd = median(fdSeconds);
            double copy = median(copySeconds);
            double restore = median(restoreSeconds);
            double insert = median(insertSeconds);
            double pgRestore = median(pgRestoreSeconds);
            out.println();
            out.printf(Locale.ROOT, "%-44s %9s %12s %10s %12s%n", "step (median)", "seconds", "rows/s", "MB/s", "vs pg_dump -Fc");
            line("dbbackup backup (gzip level 6, own thread)", backup, rows, storedBytes, fc / backup);
            line("dbbackup backup (gzip level 1, own thread)", fast.seconds(), rows, fast.bytes(), fc / fast.seconds());
            line("dbbackup backup (gzip 6, --parallel 2)", parallel.seconds(), rows, parallel.bytes(),
                    fc / parallel.seconds());
            line("dbbackup backup (zstd 3)", zstd.seconds(), rows, zstd.bytes(), fc / zstd.seconds());
            line("dbbackup backup (zstd 3, --parallel 2)", zstdParallel.seconds(), rows, zstdParallel.bytes(),
                    fc / zstdParallel.seconds());
            line("pg_dump --data-only -Fc", fc, rows, fcBytes, 1.0);
            line("pg_dump --data-only -Fd -j 2", fd, rows, -1, fc / fd);
            line("COPY test_runs TO (extraction ceiling)", copy, largest, -1, Double.NaN);
            line("dbbackup restore (COPY, backup-jdbc-pgcopy)", restore, rows, storedBytes, Double.NaN);
            line("dbbackup restore (multi-row INSERT)", insert, rows, storedBytes, Double.NaN);
            line("pg_restore --data-only --disable-triggers", pgRestore, rows, fcBytes, Double.NaN);
            double singleRow = singleRowSeconds.isEmpty() ? Double.NaN : median(singleRowSeconds);
            if (!singleRowSeconds.isEmpty()) {
                line("dbbackup restore (single-row INSERTs)", singleRow, rows, storedBytes, Double.NaN);
            }
            out.println();
            out.printf(Locale.ROOT, "backup throughput ratio  dbbackup / pg_dump -Fc   = %.2f%n", fc / backup);
            out.printf(Locale.ROOT, "restore throughput ratio dbbackup / pg_restore    = %.2f (COPY), %.2f (INSERT)%n",
                    pgRestore / restore, pgRestore / insert);
            if (!singleRowSeconds.isEmpty()) {
                out.printf(Locale.ROOT, "restore throughput ratio dbbackup / single-row INSERTs = %.1f (COPY), %.1f (INSERT)"
                        + "%n", singleRow / restore, singleRow / insert);
            }
            out.printf(Locale.ROOT, "size ratio               dbbackup / pg_dump -Fc   = %.2f (%,d vs %,d bytes)%n",
                    storedBytes / (double) fcBytes, storedBytes, fcBytes);
            out.printf(Locale.ROOT, "peak heap: backup %d MiB, restore %d MiB (max of %d runs; includes garbage not yet"
                    + " collected, run with a small -Xmx to see the bound)%n",
                    backupPeaks.stream().max(Long::compare).orElse(0L) >> 20,
                    restorePeaks.stream().max(Long::compare).orElse(0L) >> 20, runs);
        } finally {
            deleteTree(work);
            admin("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
        }
    }

    /** The median seconds and the stored bytes of one backup configuration. */
    private record Variant(double seconds, long bytes) {
    }

    private Variant timeBackups(Path work, String name, UnaryOperator<Backups.Builder> config) throws IOException {
        List<Double> seconds = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            Path store = work.resolve("dbbackup-" + name + "-" + i);
            long t0 = System.nanoTime();
            BackupResult result = config.apply(Backups.builder().source(JdbcSource.of(dataSource("dbbackup_bench_source")))
                    .store(FileSystemBlobStore.of(store)).plan(QaAppPlan.plan()).audit(AuditSink.noop())).build().backup();
            seconds.add((System.nanoTime() - t0) / 1e9);
            bytes = result.totalBytes();
            deleteTree(store);
        }
        return new Variant(median(seconds), bytes);
    }

    private void line(String step, double seconds, long rows, long bytes, double ratio) {
        out.printf(Locale.ROOT, "%-44s %9.2f %,12.0f %10s %12s%n", step, seconds, rows / seconds,
                bytes < 0 ? "" : String.format(Locale.ROOT, "%.1f", bytes / 1e6 / seconds),
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio));
    }

    private long prepare(String source) throws Exception {
        admin("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
        admin("CREATE DATABASE " + source);
        try (Connection c = DriverManager.getConnection(url(source)); Statement s = c.createStatement()) {
            QaAppSchema.create(c, QaAppSchema.Database.POSTGRESQL);
            QaAppData.insert(c, QaAppSchema.Database.POSTGRESQL, 1, 42L);
            s.execute("INSERT INTO test_runs (case_id, environment_id, executed_by, status, started_at, finished_at,"
                    + " duration_ms, result_notes, screenshot, score)"
                    + " SELECT c.a[1 + g % array_length(c.a, 1)], e.a[1 + g % array_length(e.a, 1)],"
                    + " u.a[1 + g % array_length(u.a, 1)],"
                    + " (ARRAY['passed','failed','skipped','blocked','queued','running']::run_status[])[1 + g % 6],"
                    + " TIMESTAMP '2026-01-01' + g * INTERVAL '37 seconds',"
                    + " TIMESTAMP '2026-01-01' + g * INTERVAL '37 seconds' + (g % 900) * INTERVAL '1 second',"
                    + " (g % 900) * 1000 + g % 997,"
                    + " '{\"assertions\":' || (g % 50) || ',\"failed\":' || (g % 3) || ',\"log\":\"step ' || (g % 17)"
                    + " || ' ok; checksum ' || md5(g::text) || '\"}',"
                    + " CASE WHEN g % 10 = 0 THEN decode(md5(g::text) || md5((g + 1)::text), 'hex') END,"
                    + " (g % 1000) / 10.0"
                    + " FROM generate_series(1, " + testRuns + ") g,"
                    + " (SELECT array_agg(id) a FROM test_cases) c, (SELECT array_agg(id) a FROM environments) e,"
                    + " (SELECT array_agg(id) a FROM users) u");
            s.execute("ANALYZE");
        }
        long total = 0;
        for (String table : QaAppSchema.BACKED_UP_TABLES) {
            total += rows(source, table);
        }
        return total;
    }

    private void emptyCopy(String target) throws Exception {
        admin("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
        admin("CREATE DATABASE " + target);
        try (Connection c = DriverManager.getConnection(url(target))) {
            QaAppSchema.create(c, QaAppSchema.Database.POSTGRESQL);
        }
    }

    private long rows(String database, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database)); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String version(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database))) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
    }

    private interface CommandFor {
        List<String> command(int run);
    }

    private static List<Double> timeCommand(int runs, CommandFor command) throws IOException, InterruptedException {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command.command(i)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("command failed: " + command.command(i));
            }
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
