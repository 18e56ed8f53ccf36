package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliUsageTest {

    private final Cli cli = Cli.withoutEnv();

    @Test
    void issue13_aPasswordInTheUrlsUserInfoIsPrintedNowhereEvenWithVerbose(@TempDir Path dir) {
        // port 1: nothing listens, the connection fails at once; the drivers used to read the user
        // info as host (PostgreSQL: UnknownHostException: bob:pw…@127.0.0.1) or port (MariaDB)
        for (String url : new String[] {"jdbc:postgresql://bob:pwLeak-4711@127.0.0.1:1/app",
                "jdbc:mariadb://bob:pwLeak-4711@127.0.0.1:1/app"}) {
            Cli.Run run = cli.run("backup", "--url", url, "--store", dir.toString(), "--verbose");
            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.err()).as("%s", run).contains("error: backup of jdbc:").contains("***@127.0.0.1:1/app")
                    .doesNotContain("pwLeak").doesNotContain("4711").contains("\tat ");
        }
    }

    @Test
    void noCommandExitsTwoWithUsage() {
        Cli.Run run = cli.run();
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("Missing command").contains("Usage: dbbackup").contains("restore");
    }

    @Test
    void unknownOptionExitsTwoWithUsage() {
        Cli.Run run = cli.run("list", "--store", "x", "--jsn");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("--jsn").contains("Usage: dbbackup list");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingRequiredOptionExitsTwo() {
        Cli.Run run = cli.run("backup", "--store", "x");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("--url").contains("Usage: dbbackup backup");
    }

    @Test
    void badModeExitsTwoNamingTheAcceptedValues() {
        Cli.Run run = cli.run("restore", "--url", "jdbc:h2:mem:x", "--store", "x", "--mode", "merge");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("empty-only, upsert or replace");
    }

    @Test
    void badTriggersAndLevelExitTwo() {
        assertThat(cli.run("restore", "--url", "jdbc:h2:mem:x", "--store", "x", "--triggers", "off").exit()).isEqualTo(2);
        assertThat(cli.run("verify", "--store", "x", "--level", "deep").exit()).isEqualTo(2);
    }

    @Test
    void parallelIsBetweenOneAndSixtyFour(@TempDir Path dir) {
        Cli.Run zero = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", dir.toString(), "--parallel", "0");
        assertThat(zero.exit()).as("%s", zero).isEqualTo(2);
        assertThat(zero.err()).contains("--parallel was 0 but it must be at least 1").contains("Usage: dbbackup backup");
        Cli.Run many = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", dir.toString(), "--parallel", "65");
        assertThat(many.exit()).as("%s", many).isEqualTo(2);
        assertThat(many.err()).contains("--parallel was 65 but it must be at most 64");
    }

    @Test
    void allowInconsistentNeedsParallel(@TempDir Path dir) {
        Cli.Run run = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", dir.toString(), "--allow-inconsistent");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("--allow-inconsistent only applies with --parallel 2 or more");
    }

    @Test
    void anUnknownCodecExitsTwoNamingTheChoices(@TempDir Path dir) {
        Cli.Run run = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", dir.toString(), "--codec", "lz4");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("'lz4' is not a codec; use gzip or zstd").contains("Usage: dbbackup backup");
    }

    @Test
    void aCompressionLevelOutsideTheCodecsExitsTwoNamingTheRange(@TempDir Path dir) {
        Path store = dir.resolve("store");
        Cli.Run zstd = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", store.toString(), "--codec", "zstd",
                "--compression-level", "22");
        assertThat(zstd.exit()).as("%s", zstd).isEqualTo(2);
        assertThat(zstd.err()).contains("--compression-level 22 is outside zstd's levels 1 (fastest) to 19 (smallest)");
        Cli.Run gzip = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", store.toString(), "--compression-level",
                "12");
        assertThat(gzip.exit()).as("%s", gzip).isEqualTo(2);
        assertThat(gzip.err()).contains("--compression-level 12 is outside gzip's levels 1 (fastest) to 9 (smallest)");
        assertThat(Files.exists(store)).as("nothing is created for a usage error").isFalse();
    }

    @Test
    void anUnreachableS3StoreFailsWithOneLineNamingBucketAndEndpoint() {
        Cli.Run run = cli.run("list", "--store", "s3://bucket/prefix", "--s3-endpoint", "http://127.0.0.1:1",
                "--s3-path-style");
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("bucket").contains("127.0.0.1:1");
    }

    @Test
    void malformedBackupIdExitsTwo(@TempDir Path dir) {
        Cli.Run run = cli.run("pin", "--store", dir.toString(), "--backup", "yesterday");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("'yesterday' is not a backup id");
    }

    @Test
    void badDurationsAndInstantsExitTwo(@TempDir Path dir) {
        assertThat(cli.run("prune", "--store", dir.toString(), "--max-age", "30 days").exit()).isEqualTo(2);
        assertThat(cli.run("prune", "--store", dir.toString(), "--max-age", "0d").exit()).isEqualTo(2);
        assertThat(cli.run("prune", "--store", dir.toString(), "--now", "tomorrow").exit()).isEqualTo(2);
        assertThat(cli.run("prune", "--store", dir.toString(), "--keep-last", "-1").exit()).isEqualTo(2);
    }

    @Test
    void planCannotBeCombinedWithExclusions(@TempDir Path dir) {
        Cli.Run run = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", dir.toString(), "--plan", "p.json",
                "--exclude-table", "session");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("--plan cannot be combined with --exclude-table");
    }

    @Test
    void malformedExcludeColumnExitsTwo(@TempDir Path dir) {
        Cli.Run run = cli.run("backup", "--url", "jdbc:h2:mem:x", "--store", dir.toString(), "--exclude-column", "users");
        assertThat(run.exit()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("must be TABLE.COLUMN");
    }

    @Test
    void helpExitsZero() {
        Cli.Run run = cli.run("restore", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--dry-run").contains("--mode");
    }

    @Test
    void unreachableDatabaseExitsOneWithOneLineNamingIt(@TempDir Path dir) {
        Cli.Run run = cli.run("backup", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--store", dir.toString());
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).as("%s", run).singleElement().asString()
                .contains("jdbc:postgresql://127.0.0.1:1/x").contains("127.0.0.1:1").contains("Connecting");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unreachableRestoreTargetExitsOneWithOneLine(@TempDir Path dir) {
        Cli.Run demo = cli.run("demo", "--dir", dir.toString());
        assertThat(demo.exit()).as("%s", demo).isZero();
        Cli.Run run = cli.run("restore", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--store", dir.toString());
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).as("%s", run).singleElement().asString().contains("127.0.0.1:1");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        Cli.Run run = cli.run("backup", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--store", dir.toString(), "--verbose");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errLines().size()).as("%s", run).isGreaterThan(3);
        assertThat(run.err()).contains("at io.github.dbbackup");
    }

    @Test
    void missingBackupExitsOneWithOneLineNamingIt(@TempDir Path dir) {
        String id = "backup-20200101T000000Z-abc123";
        for (String[] args : new String[][] {
                {"verify", "--store", dir.toString(), "--backup", id},
                {"pin", "--store", dir.toString(), "--backup", id},
                {"restore", "--url", "jdbc:h2:mem:unused", "--store", dir.toString(), "--backup", id}}) {
            Cli.Run run = cli.run(args);
            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.errLines()).as("%s", run).singleElement().asString().contains(id).contains("does not exist");
        }
    }

    @Test
    void emptyStoreHasNoLatestBackup(@TempDir Path dir) {
        Cli.Run run = cli.run("verify", "--store", dir.toString());
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("There is no complete backup set in");
    }

    @Test
    void missingStoreDirectoryIsNotCreated(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        Cli.Run run = cli.run("list", "--store", "file:" + missing);
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains(missing.toString()).contains("does not exist");
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void emptyStoreListsAnEmptyJsonArray(@TempDir Path dir) {
        Cli.Run run = cli.run("list", "--store", dir.toString(), "--json");
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(Cli.parseList(run.out())).isEmpty();
    }
}
