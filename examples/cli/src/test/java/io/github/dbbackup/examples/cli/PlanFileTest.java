package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.TableSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {

    private static BackupPlan parse(String json) throws IOException {
        return PlanFile.read("plan.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String fails(String json) {
        try {
            parse(json);
        } catch (CommandFailedException e) {
            assertThat(e.getMessage()).startsWith("Plan file 'plan.json' is invalid at ").contains("docs/PLAN-FILE.md");
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure for " + json);
    }

    @Test
    void readsEverythingThePlanApiCanSay() throws IOException {
        BackupPlan plan = parse("""
                {
                  "version": 1,
                  "description": "QA app, nightly",
                  "strict": false,
                  "includeAllOtherTables": true,
                  "allowEmptyBackup": true,
                  "tables": [
                    "teams",
                    { "table": "users",
                      "excludeColumns": [
                        { "column": "password_hash", "action": "Every user must reset their password",
                          "placeholder": "RESET_REQUIRED" },
                        "totp_secret" ] },
                    { "table": "projects", "columns": ["id", "name"], "where": "deleted_at IS NULL" }
                  ],
                  "excludeTables": [
                    { "table": "session", "reason": "Ephemeral login sessions", "action": "Users sign in again" },
                    { "table": "audit_log", "reason": "Kept by the host" }
                  ],
                  "excludeTablesMatching": [ { "pattern": "tmp_.*", "reason": "Scratch tables" } ]
                }
                """);
        assertThat(plan.isStrict()).isFalse();
        assertThat(plan.includesAllOtherTables()).isTrue();
        assertThat(plan.allowsEmptyBackup()).isTrue();
        assertThat(plan.tables()).extracting(TableSpec::table).containsExactly("teams", "users", "projects");
        TableSpec users = plan.tables().get(1);
        assertThat(users.excludedColumns()).containsExactly(
                Map.entry("password_hash", "Every user must reset their password"), Map.entry("totp_secret", ""));
        assertThat(users.placeholders()).containsExactly(Map.entry("password_hash", "RESET_REQUIRED"));
        TableSpec projects = plan.tables().get(2);
        assertThat(projects.columns()).containsExactly("id", "name");
        assertThat(projects.rowFilter()).isEqualTo("deleted_at IS NULL");
        assertThat(plan.exclusions().decide("SESSION").isExclude()).isTrue();
        assertThat(plan.exclusions().decide("session").requiredAction()).isEqualTo("Users sign in again");
        assertThat(plan.exclusions().decide("audit_log").reason()).isEqualTo("Kept by the host");
        assertThat(plan.exclusions().decide("tmp_import").isExclude()).isTrue();
        assertThat(plan.exclusions().decide("teams").isExclude()).isFalse();
        assertThat(plan.exclusions().namedTables()).containsExactlyInAnyOrder("session", "audit_log");
    }

    @Test
    void defaultsToAStrictExplicitPlan() throws IOException {
        BackupPlan plan = parse("{\"tables\": [\"teams\"]}");
        assertThat(plan.isStrict()).isTrue();
        assertThat(plan.includesAllOtherTables()).isFalse();
        assertThat(plan.allowsEmptyBackup()).isFalse();
    }

    @Test
    void namesTheJsonPathOfAnUnknownKey() {
        assertThat(fails("{\"tables\": [{\"table\": \"users\", \"excludeColumns\": [{\"colum\": \"x\"}]}]}"))
                .contains("$.tables[0].excludeColumns[0].colum").contains("unknown key 'colum'")
                .contains("[action, column, placeholder]");
    }

    @Test
    void namesTheJsonPathOfAWrongType() {
        assertThat(fails("{\"strict\": \"yes\", \"tables\": [\"a\"]}")).contains("at $.strict: expected true or false");
        assertThat(fails("{\"tables\": [\"a\", 7]}")).contains("at $.tables[1]: expected an object but found the number 7");
        assertThat(fails("{\"tables\": \"users\"}")).contains("at $.tables: expected an array");
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertThat(fails("{\n  \"tables\": [\"a\",]\n}")).contains("not valid JSON (line 2").contains("fix the syntax");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThat(fails("{\"strict\": true, \"strict\": false, \"tables\": [\"a\"]}")).contains("Duplicate");
    }

    @Test
    void rejectsATableGivenTwice() {
        assertThat(fails("{\"tables\": [\"users\", {\"table\": \"USERS\"}]}"))
                .contains("at $.tables[1]: table 'USERS' is already given at $.tables[0]");
    }

    @Test
    void rejectsATableBothIncludedAndExcluded() {
        assertThat(fails("{\"tables\": [\"users\"], \"excludeTables\": [{\"table\": \"users\", \"reason\": \"r\"}]}"))
                .contains("at $.excludeTables[0].table").contains("also included at $.tables[0]");
    }

    @Test
    void rejectsColumnsTogetherWithExcludedColumns() {
        assertThat(fails("{\"tables\": [{\"table\": \"u\", \"columns\": [\"a\"], \"excludeColumns\": [\"b\"]}]}"))
                .contains("at $.tables[0]").contains("not both");
    }

    @Test
    void rejectsAnExclusionWithoutReason() {
        assertThat(fails("{\"includeAllOtherTables\": true, \"excludeTables\": [{\"table\": \"session\"}]}"))
                .contains("at $.excludeTables[0]: the key \"reason\" is missing");
    }

    @Test
    void rejectsABadPattern() {
        assertThat(fails("{\"includeAllOtherTables\": true, \"excludeTablesMatching\": [{\"pattern\": \"tmp_(\","
                + " \"reason\": \"r\"}]}")).contains("at $.excludeTablesMatching[0].pattern").contains("regular expression");
    }

    @Test
    void rejectsAPlanWithoutTables() {
        assertThat(fails("{}")).contains("at $.tables").contains("includeAllOtherTables");
        assertThat(fails("")).contains("empty");
        assertThat(fails("[]")).contains("at $: expected an object");
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThat(fails("{\"version\": 2, \"tables\": [\"a\"]}")).contains("at $.version").contains("version 2");
    }

    @Test
    void rejectsTrailingContent() {
        assertThat(fails("{\"tables\": [\"a\"]} {}")).contains("more content after the plan object");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> PlanFile.read(missing)).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void theDocumentedExampleParses() throws IOException {
        String doc = Files.readString(Path.of("..", "..", "docs", "PLAN-FILE.md"));
        int start = doc.indexOf("```json");
        assertThat(start).as("a ```json block in docs/PLAN-FILE.md").isNotNegative();
        String json = doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7));
        BackupPlan plan = parse(json);
        assertThat(plan.tables()).extracting(TableSpec::table).contains("users");
        assertThat(List.copyOf(plan.exclusions().namedTables())).contains("session");
    }
}
