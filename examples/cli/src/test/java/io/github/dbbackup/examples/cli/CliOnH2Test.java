package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on file-based H2 databases that every invocation opens anew. */
class CliOnH2Test extends CliEndToEndContract {

    private static final String USER = "admin";
    private static final String PASSWORD = "pw-Secret-4711";

    @TempDir
    Path databases;

    private String sourceUrl;
    private String targetUrl;

    @BeforeEach
    void createDatabases() throws SQLException {
        sourceUrl = "jdbc:h2:file:" + databases.resolve("source") + ";DATABASE_TO_LOWER=TRUE";
        targetUrl = "jdbc:h2:file:" + databases.resolve("target") + ";DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(sourceUrl, USER, PASSWORD)) {
            QaAppSchema.create(c);
            QaAppData.insert(c, QaAppSchema.Database.H2, 1, 42L);
        }
        try (Connection c = DriverManager.getConnection(targetUrl, USER, PASSWORD)) {
            QaAppSchema.create(c);
        }
    }

    @Override
    Map<String, String> env() {
        return Map.of(DbBackupCli.PASSWORD_ENV, PASSWORD);
    }

    @Override
    List<String> sourceArgs() {
        return List.of("--url", sourceUrl, "--user", USER);
    }

    @Override
    List<String> targetArgs() {
        return List.of("--url", targetUrl, "--user", USER);
    }

    @Override
    long count(boolean target, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(target ? targetUrl : sourceUrl, USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void issue13_oneManifestWhosePartSizesOverflowSpoilsOnlyItsOwnSet() throws Exception {
        String good = backup();
        String damaged = backup();
        Path manifest = store.resolve(damaged).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest)
                .replaceAll("\"bytes\" : \\d+", "\"bytes\" : " + Long.MAX_VALUE));

        assertThat(list()).extracting(set -> set.get("id")).containsExactly(good);
        Cli.Run latest = run("verify", List.of(), "--store", store.toString());
        assertThat(latest.exit()).as("%s", latest).isZero();
        assertThat(latest.out()).contains("Verified " + good);
        Cli.Run restore = run("restore", targetArgs(), "--store", store.toString(), "--dry-run");
        assertThat(restore.exit()).as("%s", restore).isZero();
        assertThat(restore.out()).contains("Dry run: restoring " + good);
        Cli.Run prune = run("prune", List.of(), "--store", store.toString(), "--keep-last", "5");
        assertThat(prune.exit()).as("%s", prune).isZero();

        Cli.Run verify = run("verify", List.of(), "--store", store.toString(), "--backup", damaged);
        assertThat(verify.exit()).as("%s", verify).isEqualTo(1);
        assertThat(verify.err()).as("%s", verify).contains(damaged).contains("unreadable")
                .contains("add up past " + Long.MAX_VALUE).doesNotContain("Usage");
    }

    @Test
    void issue13_aVerificationTheStoreCannotRecordSaysSoOnStandardError() throws Exception {
        String id = backup();
        Cli.Run recorded = run("verify", List.of(), "--store", store.toString(), "--backup", id, "--level", "quick");
        assertThat(recorded.exit()).as("%s", recorded).isZero();
        assertThat(recorded.err()).as("%s", recorded).doesNotContain("warning");

        // the test runs as any user, root included: a directory where the record goes makes its write fail
        Path record = store.resolve(id).resolve("verification.json");
        Files.delete(record);
        Files.createDirectories(record);
        Files.writeString(record.resolve("x"), "x");
        Cli.Run unrecorded = run("verify", List.of(), "--store", store.toString(), "--backup", id);
        assertThat(unrecorded.exit()).as("%s", unrecorded).isZero();
        assertThat(unrecorded.out()).contains("Verified " + id);
        assertThat(unrecorded.err()).as("%s", unrecorded)
                .contains("warning: the result of this verification could not be recorded");
    }

    @Override
    List<String> anotherEmptyTarget(String... ddl) throws SQLException {
        String url = "jdbc:h2:file:" + databases.resolve("another-target") + ";DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            QaAppSchema.create(c);
            for (String statement : ddl) {
                s.execute(statement);
            }
        }
        return List.of("--url", url, "--user", USER);
    }

    @Override
    List<String> sourceUserValues() throws SQLException {
        try (Connection c = DriverManager.getConnection(sourceUrl, USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT email, display_name, password_hash FROM users")) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= 3; i++) {
                    String value = rs.getString(i);
                    if (value != null && value.length() >= 4) {
                        values.add(value);
                    }
                }
            }
            return values;
        }
    }

    @Test
    void excludesTablesAndColumnsGivenOnTheCommandLine() {
        Cli.Run run = run("backup", sourceArgs(), "--store", store.toString(), "--exclude-table",
                "session=Ephemeral login sessions", "--exclude-table", "api_key", "--exclude-column", "users.password_hash");
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("left out table session").contains("Ephemeral login sessions")
                .contains("left out table api_key").contains(BackupCommand.DEFAULT_REASON)
                .contains("left out column users.password_hash (restored as its default)");
        assertThat(run.lastOutLine()).matches(ID);
    }

    @Test
    void backsUpWithAPlanFile() throws Exception {
        Path plan = databases.resolve("plan.json");
        Files.writeString(plan, """
                {
                  "includeAllOtherTables": true,
                  "tables": [
                    { "table": "users", "excludeColumns": [
                      { "column": "password_hash", "action": "Reset passwords", "placeholder": "RESET_REQUIRED" } ] },
                    { "table": "test_runs", "where": "id <= 10" }
                  ],
                  "excludeTables": [ { "table": "session", "reason": "Ephemeral", "action": "Sign in again" },
                                     { "table": "attachment", "reason": "In object storage" } ],
                  "excludeTablesMatching": [ { "pattern": "jira_.*", "reason": "Copied from Jira" } ]
                }
                """);
        Cli.Run run = run("backup", sourceArgs(), "--store", store.toString(), "--plan", plan.toString());
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("left out column users.password_hash (restored as 'RESET_REQUIRED')")
                .contains("where id <= 10").contains("left out table session").contains("left out table jira_issue");

        Cli.Run restore = run("restore", targetArgs(), "--store", store.toString(), "--lenient");
        assertThat(restore.exit()).as("%s", restore).isZero();
        assertThat(restore.out()).contains("[ ] session was not backed up (Ephemeral): Sign in again")
                .contains("users.password_hash was not backed up");
        assertThat(count(true, "test_runs")).isEqualTo(10);
    }

    @Test
    void badPlanFileExitsOneNamingFilePathAndFix() throws Exception {
        Path plan = databases.resolve("bad-plan.json");
        Files.writeString(plan, "{\"tables\": [{\"tabel\": \"users\"}]}");
        Cli.Run run = run("backup", sourceArgs(), "--store", store.toString(), "--plan", plan.toString());
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains(plan.toString()).contains("$.tables[0].tabel")
                .contains("unknown key 'tabel'").contains("[columns, excludeColumns, table, where]");
    }

    @Test
    void unknownExcludedTableExitsOneNamingIt() {
        Cli.Run run = run("backup", sourceArgs(), "--store", store.toString(), "--exclude-table", "sesions");
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("sesions");
        assertThat(list()).isEmpty();
    }

    @Test
    void restoreIntoANonEmptyDatabaseExitsOneAndWritesNothing() throws Exception {
        backup();
        long users = count(false, "users");
        Cli.Run run = run("restore", sourceArgs(), "--store", store.toString());
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.errLines()).as("%s", run).singleElement().asString().contains("restore of latest")
                .contains(sourceUrl);
        assertThat(count(false, "users")).isEqualTo(users);
    }

    @Test
    void passwordFromTheEnvironmentNeverAppearsInAnyOutput() {
        String store = this.store.toString();
        List<Cli.Run> runs = List.of(
                run("backup", sourceArgs(), "--store", store),
                run("backup", sourceArgs(), "--store", store, "--verbose"),
                run("list", List.of(), "--store", store),
                run("restore", targetArgs(), "--store", store, "--dry-run"),
                run("backup", List.of("--url", "jdbc:postgresql://127.0.0.1:1/x?password=" + PASSWORD, "--user", USER),
                        "--store", store),
                run("restore", List.of("--url", "jdbc:postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:1/x"),
                        "--store", store, "--verbose"),
                run("backup", List.of("--url", sourceUrl, "--user", USER), "--store", store, "--unknown", PASSWORD),
                run("backup", List.of("--url", "jdbc:h2:file:" + databases.resolve("source") + ";PASSWORD=" + PASSWORD,
                        "--user", "nobody"), "--store", store));
        assertThat(runs.get(0).exit()).isZero();
        assertThat(runs.get(4).exit()).isEqualTo(1);
        assertThat(runs.get(6).exit()).isEqualTo(2);
        for (Cli.Run run : runs) {
            assertThat(run.out() + run.err()).as("%s", run).doesNotContain(PASSWORD);
        }
    }
}
