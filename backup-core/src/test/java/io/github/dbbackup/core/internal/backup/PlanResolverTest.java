package io.github.dbbackup.core.internal.backup;

import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.fk;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static io.github.dbbackup.core.testing.Schemas.table;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static io.github.dbbackup.core.testing.Schemas.withForeignKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.plan.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanResolverTest {

    private static final String WHERE = "schema 'public' of PostgreSQL";

    private static final TableSchema TEAMS = tableWithId("teams", notNull("name", ValueType.STRING));
    private static final TableSchema USERS = withForeignKeys(
            tableWithId("users", column("team_id", ValueType.INTEGER), notNull("email", ValueType.STRING),
                    notNull("password_hash", ValueType.STRING), column("totp_secret", ValueType.BINARY),
                    column("manager_id", ValueType.INTEGER)),
            fk("team_id", "teams", "id"), fk("manager_id", "users", "id"));
    private static final TableSchema SESSIONS = tableWithId("sessions", column("token", ValueType.STRING));
    private static final TableSchema AUDIT_LOG = tableWithId("audit_log", column("entry", ValueType.JSON));

    private static final List<TableSchema> DB = List.of(AUDIT_LOG, SESSIONS, TEAMS, USERS);

    private static PlanResolver.Resolved resolve(BackupPlan plan, List<TableSchema> tables) {
        return PlanResolver.resolve(plan, tables, WHERE);
    }

    private static PlanResolver.IncludedTable included(PlanResolver.Resolved resolved, String name) {
        return resolved.included().stream().filter(t -> t.schema().name().equals(name)).findFirst().orElseThrow();
    }

    /** A plan that classifies every table of {@link #DB}: teams and users whole unless a spec is given. */
    private static BackupPlan.Builder classifiedPlan(TableSpec... specs) {
        BackupPlan.Builder b = BackupPlan.builder();
        for (String name : List.of("teams", "users")) {
            b.table(java.util.Arrays.stream(specs).filter(s -> s.table().equals(name)).findFirst()
                    .orElse(TableSpec.of(name)));
        }
        return b.excludeTable("sessions", "Ephemeral login sessions", "Users must sign in again")
                .excludeTable("audit_log", "Kept elsewhere", "");
    }

    // ---------------------------------------------------------------- strictness

    @Test
    void resolvesAFullyClassifiedPlan() {
        PlanResolver.Resolved resolved = resolve(classifiedPlan().build(), DB);

        assertThat(resolved.included()).extracting(t -> t.schema().name()).containsExactly("teams", "users");
        assertThat(resolved.excluded()).containsExactly(
                new ExcludedTable("audit_log", "Kept elsewhere", ""),
                new ExcludedTable("sessions", "Ephemeral login sessions", "Users must sign in again"));
        assertThat(included(resolved, "users").schema()).isEqualTo(USERS);
        assertThat(included(resolved, "users").excludedColumns()).isEmpty();
        assertThat(included(resolved, "users").rowFilter()).isEmpty();
    }

    @Test
    void strictPlanFailsNamingAnUnclassifiedTableAndSaysNothingWasWritten() {
        BackupPlan plan = BackupPlan.builder().tables("teams", "users").excludeTable("sessions", "Ephemeral", "").build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEqualTo("audit_log"))
                .hasMessageContaining("table 'audit_log' exists in " + WHERE + " but the plan neither includes nor excludes it")
                .hasMessageContaining(".table(TableSpec.of(\"audit_log\"))")
                .hasMessageContaining(".excludeTable(\"audit_log\", reason, action)")
                .hasMessageEndingWith("Nothing was written.");
    }

    @Test
    void nonStrictPlanRecordsTheSkippedTableAsExcluded() {
        BackupPlan plan = BackupPlan.builder().tables("teams", "users").strict(false).build();

        PlanResolver.Resolved resolved = resolve(plan, DB);

        assertThat(resolved.included()).extracting(t -> t.schema().name()).containsExactly("teams", "users");
        assertThat(resolved.excluded()).containsExactly(
                new ExcludedTable("audit_log", "not in the backup plan (non-strict plan)", ""),
                new ExcludedTable("sessions", "not in the backup plan (non-strict plan)", ""));
    }

    @Test
    void includeAllExceptBacksUpEveryOtherTableWhole() {
        BackupPlan plan = BackupPlan.allTablesExcept(ExclusionPolicy.table("sessions", "Ephemeral", "Sign in again")
                .or(ExclusionPolicy.matching("audit_.*", "Logs")));

        PlanResolver.Resolved resolved = resolve(plan, DB);

        assertThat(resolved.included()).extracting(t -> t.schema()).containsExactly(TEAMS, USERS);
        assertThat(resolved.excluded()).containsExactly(new ExcludedTable("audit_log", "Logs", ""),
                new ExcludedTable("sessions", "Ephemeral", "Sign in again"));
    }

    @Test
    void includeAllExceptStillAppliesColumnSpecs() {
        BackupPlan plan = BackupPlan.builder()
                .table(TableSpec.of("users").excludeColumn("password_hash", "Reset passwords"))
                .includeAllOtherTables()
                .build();

        PlanResolver.Resolved resolved = resolve(plan, DB);

        assertThat(resolved.included()).extracting(t -> t.schema().name())
                .containsExactly("audit_log", "sessions", "teams", "users");
        assertThat(included(resolved, "users").schema().columnNames()).doesNotContain("password_hash");
        assertThat(resolved.excluded()).isEmpty();
    }

    // ---------------------------------------------------------------- names that do not exist

    @Test
    void failsNamingATableTheDatabaseDoesNotHave() {
        BackupPlan plan = BackupPlan.builder().tables("teams", "users", "projetcs").strict(false).build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEqualTo("projetcs"))
                .hasMessageContaining("table 'projetcs' is in the plan but does not exist in " + WHERE
                        + " (it has: audit_log, sessions, teams, users)")
                .hasMessageContaining("Nothing was written.");
    }

    @Test
    void failsNamingAColumnTheTableDoesNotHave() {
        BackupPlan plan = classifiedPlan(TableSpec.of("teams").excludeColumn("nmae", "")).build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEqualTo("teams"))
                .hasMessageContaining("column 'teams.nmae' is in the plan but table 'teams' has no such column"
                        + " (it has: id, name)");
    }

    @Test
    void failsNamingAnIncludedColumnOrPlaceholderColumnTheTableDoesNotHave() {
        BackupPlan plan = BackupPlan.builder()
                .table(TableSpec.of("teams").columns("id", "title"))
                .table(TableSpec.of("users").excludeColumn("password", "").placeholder("password", "x"))
                .strict(false)
                .build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'teams.title' is in the plan")
                .hasMessageContaining("column 'users.password' is in the plan");
    }

    @Test
    void failsNamingAnExcludedTableTheDatabaseDoesNotHave() {
        BackupPlan plan = classifiedPlan().excludeTable("api_keys", "Secrets", "Regenerate API keys").build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEqualTo("api_keys"))
                .hasMessageContaining("table 'api_keys' is excluded by the plan but does not exist in " + WHERE
                        + "; remove it from the plan (or fix its spelling)");
    }

    @Test
    void aPatternExclusionMatchingNothingIsNotAnError() {
        BackupPlan plan = classifiedPlan().exclude(ExclusionPolicy.matching("tmp_.*", "Scratch")).build();

        assertThat(resolve(plan, DB).included()).hasSize(2);
    }

    @Test
    void reportsSeveralProblemsAtOnce() {
        BackupPlan plan = BackupPlan.builder()
                .table(TableSpec.of("users").excludeColumn("id", "").excludeColumn("pasword_hash", ""))
                .table(TableSpec.of("projects"))
                .excludeTable("api_keys", "Secrets", "")
                .build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEmpty())
                .hasMessageStartingWith("The backup plan does not match the database: 7 problems:")
                .hasMessageContaining("table 'projects' is in the plan")
                .hasMessageContaining("table 'api_keys' is excluded by the plan")
                .hasMessageContaining("column 'users.pasword_hash' is in the plan")
                .hasMessageContaining("column 'users.id' is part of the primary key")
                .hasMessageContaining("table 'audit_log' exists")
                .hasMessageContaining("table 'sessions' exists")
                .hasMessageContaining("table 'teams' exists")
                .hasMessageEndingWith("Nothing was written.");
    }

    @Test
    void listsAtMostThirtyExistingNames() {
        List<TableSchema> many = IntStream.range(0, 40).mapToObj(i -> tableWithId(String.format("t%02d", i))).toList();
        BackupPlan plan = BackupPlan.builder().tables("missing").strict(false).build();

        assertThatThrownBy(() -> resolve(plan, many))
                .hasMessageContaining("(it has: t00, t01,")
                .hasMessageContaining("t29, …)")
                .hasMessageNotContaining("t30");
    }

    @Test
    void saysTheDatabaseHasNoTablesWhenItIsEmpty() {
        BackupPlan plan = BackupPlan.builder().tables("users").build();

        assertThatThrownBy(() -> resolve(plan, List.of())).hasMessageContaining("does not exist in " + WHERE
                + " (it has none)");
    }

    // ---------------------------------------------------------------- name matching

    @Test
    void matchesTableAndColumnNamesCaseInsensitivelyWhenUnique() {
        TableSchema upper = table("USERS", List.of("ID"), notNull("ID", ValueType.INTEGER),
                notNull("PASSWORD_HASH", ValueType.STRING), column("EMAIL", ValueType.STRING));
        BackupPlan plan = BackupPlan.builder()
                .table(TableSpec.of("users").excludeColumn("password_hash", "Reset").placeholder("password_hash", "RESET"))
                .excludeTable("sessions", "Ephemeral", "")
                .build();

        PlanResolver.Resolved resolved = resolve(plan, List.of(upper, table("SESSIONS", List.of(),
                column("TOKEN", ValueType.STRING))));

        PlanResolver.IncludedTable users = included(resolved, "USERS");
        assertThat(users.schema().columnNames()).containsExactly("ID", "EMAIL");
        assertThat(users.excludedColumns()).containsExactly(
                new ExcludedColumn(notNull("PASSWORD_HASH", ValueType.STRING), "RESET", "Reset"));
        assertThat(resolved.excluded()).containsExactly(new ExcludedTable("SESSIONS", "Ephemeral", ""));
    }

    @Test
    void prefersAnExactMatchOverCaseInsensitiveOnes() {
        assertThat(PlanResolver.match("Users", List.of("users", "Users", "USERS"))).contains("Users");
    }

    @Test
    void refusesAnAmbiguousCaseInsensitiveMatch() {
        assertThat(PlanResolver.match("users", List.of("Users", "USERS"))).isEmpty();
        assertThat(PlanResolver.match("users", List.of("USERS", "teams"))).contains("USERS");
        assertThat(PlanResolver.match("users", List.of("user", "users_old"))).isEmpty();

        BackupPlan plan = BackupPlan.builder().tables("users").strict(false).build();
        assertThatThrownBy(() -> resolve(plan, List.of(tableWithId("Users"), tableWithId("USERS"))))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'users' is in the plan but does not exist");
    }

    // ---------------------------------------------------------------- columns

    @Test
    void leavesExcludedColumnsOutOfTheSchemaAndRecordsThem() {
        BackupPlan plan = classifiedPlan(TableSpec.of("users")
                        .excludeColumn("password_hash", "Every user must reset their password")
                        .placeholder("password_hash", "RESET_REQUIRED")
                        .excludeColumns("totp_secret")
                        .where("deleted_at IS NULL"))
                .build();

        PlanResolver.IncludedTable users = included(resolve(plan, DB), "users");

        assertThat(users.schema().columnNames()).containsExactly("id", "team_id", "email", "manager_id");
        assertThat(users.excludedColumns()).containsExactly(
                new ExcludedColumn(USERS.column("password_hash").orElseThrow(), "RESET_REQUIRED",
                        "Every user must reset their password"),
                new ExcludedColumn(USERS.column("totp_secret").orElseThrow(), null, ""));
        assertThat(users.rowFilter()).isEqualTo("deleted_at IS NULL");
        assertThat(users.schema().primaryKey()).containsExactly("id");
    }

    @Test
    void recordsColumnsLeftOutByAnIncludeListAsExcluded() {
        BackupPlan plan = classifiedPlan(TableSpec.of("users").columns("email", "id")).build();

        PlanResolver.IncludedTable users = included(resolve(plan, DB), "users");

        assertThat(users.schema().columnNames()).as("database order, not plan order").containsExactly("id", "email");
        assertThat(users.excludedColumns()).extracting(x -> x.column().name())
                .containsExactly("team_id", "password_hash", "totp_secret", "manager_id");
        assertThat(users.excludedColumns()).allSatisfy(x -> {
            assertThat(x.placeholder()).isNull();
            assertThat(x.requiredAction()).isEmpty();
        });
    }

    @Test
    void refusesToExcludeAPrimaryKeyColumn() {
        BackupPlan plan = classifiedPlan(TableSpec.of("teams").excludeColumn("id", "")).build();

        assertThatThrownBy(() -> resolve(plan, DB))
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEqualTo("teams"))
                .hasMessageContaining("column 'teams.id' is part of the primary key and cannot be excluded");
    }

    @Test
    void refusesAnIncludeListWithoutThePrimaryKey() {
        TableSchema memberships = table("memberships", List.of("user_id", "team_id"),
                notNull("user_id", ValueType.INTEGER), notNull("team_id", ValueType.INTEGER), column("role", ValueType.STRING));
        BackupPlan plan = BackupPlan.builder().table(TableSpec.of("memberships").columns("user_id", "role")).build();

        assertThatThrownBy(() -> resolve(plan, List.of(memberships)))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'memberships.team_id' is part of the primary key");
    }

    @Test
    void refusesATableLeftWithNoColumn() {
        TableSchema keyless = table("events", List.of(), column("payload", ValueType.JSON));
        BackupPlan plan = BackupPlan.builder().table(TableSpec.of("events").excludeColumn("payload", "")).build();

        assertThatThrownBy(() -> resolve(plan, List.of(keyless)))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'events' would be backed up with no column");
    }

    @Test
    void dropsForeignKeysOverExcludedColumnsAndKeepsTheOthers() {
        BackupPlan plan = classifiedPlan(TableSpec.of("users").excludeColumn("team_id", "Re-assign teams")).build();

        PlanResolver.IncludedTable users = included(resolve(plan, DB), "users");

        assertThat(users.schema().foreignKeys()).containsExactly(fk("manager_id", "users", "id"));
    }

    @Test
    void dropsACompositeForeignKeyWhenAnyOfItsColumnsIsExcluded() {
        TableSchema child = withForeignKeys(tableWithId("child", column("a", ValueType.INTEGER), column("b", ValueType.INTEGER)),
                new ForeignKey("fk_ab", List.of("a", "b"), "parent", List.of("x", "y")));
        BackupPlan plan = BackupPlan.builder().table(TableSpec.of("child").excludeColumn("b", "")).build();

        assertThat(included(resolve(plan, List.of(child)), "child").schema().foreignKeys()).isEmpty();
    }

    @Test
    void refusesATableBothIncludedAndExcludedByAPolicyThatDependsOnTheDatabaseSpelling() {
        ExclusionPolicy exactCase = t -> t.equals("USERS") ? ExclusionPolicy.Decision.exclude("Secrets", "")
                : ExclusionPolicy.Decision.noOpinion();
        BackupPlan plan = BackupPlan.builder().tables("users").exclude(exactCase).build();

        assertThatThrownBy(() -> resolve(plan, List.of(tableWithId("USERS"))))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'USERS' is both included by a TableSpec and excluded (Secrets)");
    }

    @Test
    void keepsTheSourceOrderOfTables() {
        List<TableSchema> tables = new ArrayList<>(DB);

        PlanResolver.Resolved resolved = resolve(BackupPlan.allTablesExcept(ExclusionPolicy.none()), tables);

        assertThat(resolved.included()).extracting(t -> t.schema().name())
                .containsExactly("audit_log", "sessions", "teams", "users");
    }

    @Test
    void keepsColumnMetadataOfIncludedColumns() {
        ColumnSchema money = new ColumnSchema("amount", 2, "numeric", ValueType.DECIMAL, ValueType.DECIMAL, false, 38, 10,
                false, false, "0");
        TableSchema payments = table("payments", List.of("id"), notNull("id", ValueType.INTEGER), money);

        PlanResolver.Resolved resolved = resolve(BackupPlan.builder().tables("payments").build(), List.of(payments));

        assertThat(included(resolved, "payments").schema().column("amount")).contains(money);
    }
}
