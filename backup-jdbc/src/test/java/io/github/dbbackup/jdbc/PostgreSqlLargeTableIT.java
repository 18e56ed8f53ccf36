package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory does not grow with table size: 2 million rows of about 200 bytes (≈ 450 MB of JSON) are
 * exported by one connection and again by two (the key range split in halves), then restored into an
 * empty copy of the table, each by a JVM limited to a 64 MiB heap; every row is compared by hash.
 * Figures go to the log for the closing note.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlLargeTableIT {
    private static final Logger LOG = LoggerFactory.getLogger(PostgreSqlLargeTableIT.class);
    static final int ROWS = 2_000_000;
    static final String DDL = "CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL, amount NUMERIC(12,2),"
            + " created_at TIMESTAMP NOT NULL)";

    @Test
    void exportsAndRestoresTwoMillionRowsWithA64MibHeap(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute(DDL,
                "INSERT INTO big SELECT g, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) || md5((g + 3)::text)"
                        + " || md5((g + 4)::text), g / 100.0, TIMESTAMP '2026-01-01' + g * INTERVAL '1 second'"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE big");

        Map<String, Long> figures = runWith64MiB(dir.resolve("export.out"),
                LargeTableExport.class.getName(), db.jdbcUrl(), dir.resolve("store").toString(), "big");
        assertThat(figures.get("ROWS")).isEqualTo(ROWS);
        assertThat(figures.get("MAX_HEAP")).isLessThanOrEqualTo(64L * 1024 * 1024);
        long tableBytes = db.queryForLong("SELECT pg_relation_size('big')");
        assertThat(tableBytes).as("table size").isGreaterThan(4 * figures.get("MAX_HEAP")); // far bigger than the heap
        assertThat(figures.get("PARTS")).isGreaterThan(1L);
        LOG.warn("2M-row export under -Xmx64m: table {} MiB, peak heap {} MiB, {} MiB stored in {} parts, {} ms ({} rows/s)",
                tableBytes / (1024 * 1024), figures.get("PEAK_HEAP") / (1024 * 1024), figures.get("BYTES") / (1024 * 1024),
                figures.get("PARTS"),
                figures.get("MILLIS"), ROWS * 1000L / Math.max(1, figures.get("MILLIS")));

        // Two connections, each reading half of the key range into its own parts, in the same 64 MiB.
        Map<String, Long> parallel = runWith64MiB(dir.resolve("export-parallel.out"),
                LargeTableExport.class.getName(), db.jdbcUrl(), dir.resolve("parallel").toString(), "big", "2");
        assertThat(parallel.get("ROWS")).isEqualTo(ROWS);
        assertThat(parallel.get("PARTS")).isGreaterThanOrEqualTo(figures.get("PARTS"));
        LOG.warn("2M-row export with 2 connections under -Xmx64m: peak heap {} MiB, {} parts, {} ms ({} rows/s)",
                parallel.get("PEAK_HEAP") / (1024 * 1024), parallel.get("PARTS"), parallel.get("MILLIS"),
                ROWS * 1000L / Math.max(1, parallel.get("MILLIS")));

        try (TestDatabase target = db.createSibling()) {
            target.execute(DDL);
            Map<String, Long> restored = runWith64MiB(dir.resolve("restore.out"),
                    LargeTableRestore.class.getName(), target.jdbcUrl(), dir.resolve("parallel").toString());
            assertThat(restored.get("ROWS")).isEqualTo(ROWS);
            assertThat(target.queryForLong("SELECT COUNT(*) FROM big")).isEqualTo(ROWS);
            // Every value of every row: a sum of per-row hashes over the whole row's text.
            String rowHashes = "SELECT SUM(hashtext(b::text)::bigint) FROM big b";
            assertThat(target.queryForLong(rowHashes)).isEqualTo(db.queryForLong(rowHashes));
            LOG.warn("2M-row restore under -Xmx64m: peak heap {} MiB, {} ms ({} rows/s)",
                    restored.get("PEAK_HEAP") / (1024 * 1024), restored.get("MILLIS"),
                    ROWS * 1000L / Math.max(1, restored.get("MILLIS")));
        }
    }

    private static Map<String, Long> runWith64MiB(Path output, String mainClass, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("%s finished", mainClass).isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("exit code of %s; output:%n%s", mainClass, text).isZero();
        Map<String, Long> figures = figures(output);
        assertThat(figures.get("MAX_HEAP")).isLessThanOrEqualTo(64L * 1024 * 1024);
        return figures;
    }

    private static Map<String, Long> figures(Path output) throws IOException {
        Map<String, Long> figures = new HashMap<>();
        for (String line : Files.readAllLines(output)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
                figures.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return figures;
    }
}
