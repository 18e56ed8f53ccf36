package io.github.dbbackup.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import org.junit.jupiter.api.Test;

class BackupPlanTest {

    @Test
    void startsStrictExplicitAndExcludingNothing() {
        BackupPlan plan = BackupPlan.builder().tables("users").build();

        assertThat(plan.isStrict()).isTrue();
        assertThat(plan.includesAllOtherTables()).isFalse();
        assertThat(plan.exclusions().decide("anything").isExclude()).isFalse();
        assertThat(plan.tables()).containsExactly(TableSpec.of("users"));
    }

    @Test
    void keepsSpecsInTheOrderGiven() {
        BackupPlan plan = BackupPlan.builder().table(TableSpec.of("b")).tables("a", "c").build();

        assertThat(plan.tables()).extracting(TableSpec::table).containsExactly("b", "a", "c");
        assertThatThrownBy(() -> plan.tables().add(TableSpec.of("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void allTablesExceptIncludesEveryOtherTable() {
        ExclusionPolicy sessions = ExclusionPolicy.table("sessions", "Ephemeral");

        BackupPlan plan = BackupPlan.allTablesExcept(sessions);

        assertThat(plan.includesAllOtherTables()).isTrue();
        assertThat(plan.tables()).isEmpty();
        assertThat(plan.exclusions()).isSameAs(sessions);
        assertThat(plan.isStrict()).isTrue();
    }

    @Test
    void combinesSeveralExclusionsFirstOpinionWinning() {
        BackupPlan plan = BackupPlan.builder()
                .tables("users")
                .excludeTable("sessions", "Ephemeral", "Sign in again")
                .exclude(ExclusionPolicy.matching("s.*", "Starts with s"))
                .excludeTable("api_keys", "Secrets", "Regenerate API keys")
                .build();

        assertThat(plan.exclusions().decide("SESSIONS")).isEqualTo(ExclusionPolicy.Decision.exclude("Ephemeral",
                "Sign in again"));
        assertThat(plan.exclusions().decide("scratch")).isEqualTo(ExclusionPolicy.Decision.exclude("Starts with s", ""));
        assertThat(plan.exclusions().decide("api_keys")).isEqualTo(ExclusionPolicy.Decision.exclude("Secrets",
                "Regenerate API keys"));
        assertThat(plan.exclusions().decide("users").isExclude()).isFalse();
        assertThat(plan.exclusions().namedTables()).containsExactly("sessions", "api_keys");
    }

    @Test
    void refusesAPlaceholderForAColumnThatIsNotExcluded() {
        assertThatThrownBy(() -> BackupPlan.builder()
                .table(TableSpec.of("users").placeholder("password_hash", "RESET_REQUIRED"))
                .build())
                .isInstanceOfSatisfying(BackupConfigurationException.class, e -> assertThat(e.problems()).hasSize(1))
                .hasMessageContaining("table 'users' declares a placeholder for column 'password_hash' which is not"
                        + " excluded; call excludeColumn(\"password_hash\", ...) or drop the placeholder");
    }

    @Test
    void acceptsAPlaceholderForAnExcludedColumn() {
        BackupPlan plan = BackupPlan.builder()
                .table(TableSpec.of("users").excludeColumn("password_hash", "Reset").placeholder("password_hash", "X"))
                .build();

        assertThat(plan.tables().get(0).placeholders()).containsEntry("password_hash", "X");
    }

    @Test
    void refusesATableGivenTwiceIgnoringCase() {
        assertThatThrownBy(() -> BackupPlan.builder().tables("users").table(TableSpec.of("USERS")).build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("table 'USERS' was given twice; merge the two TableSpecs into one");
    }

    @Test
    void refusesIncludeAndExcludeListsOnOneTable() {
        assertThatThrownBy(() -> BackupPlan.builder()
                .table(TableSpec.of("users").columns("id", "email").excludeColumns("password_hash"))
                .build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("table 'users' both lists columns to include [id, email] and columns to exclude"
                        + " [password_hash]; use one or the other");
    }

    @Test
    void refusesATableBothIncludedAndExcluded() {
        assertThatThrownBy(() -> BackupPlan.builder().tables("Sessions").excludeTable("sessions", "Ephemeral", "").build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("table 'Sessions' is both included by a TableSpec and excluded by the exclusion"
                        + " policy; choose one");
    }

    @Test
    void refusesAPlanThatIncludesNothing() {
        assertThatThrownBy(() -> BackupPlan.builder().excludeTable("sessions", "Ephemeral", "").build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("the plan includes no table; add table(...) specs or use"
                        + " BackupPlan.allTablesExcept(...)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> BackupPlan.builder()
                .tables("users", "users")
                .table(TableSpec.of("teams").placeholder("a", "1").placeholder("b", "2"))
                .table(TableSpec.of("sessions"))
                .excludeTable("sessions", "Ephemeral", "")
                .build())
                .isInstanceOfSatisfying(BackupConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).contains("'users' was given twice"))
                        .anySatisfy(p -> assertThat(p).contains("column 'a'"))
                        .anySatisfy(p -> assertThat(p).contains("column 'b'"))
                        .anySatisfy(p -> assertThat(p).contains("'sessions' is both included")))
                .hasMessageStartingWith("Invalid backup plan:\n  - ");
    }

    @Test
    void nonStrictIsRecorded() {
        assertThat(BackupPlan.builder().tables("users").strict(false).build().isStrict()).isFalse();
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> BackupPlan.builder().table(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BackupPlan.builder().exclude(null)).isInstanceOf(NullPointerException.class);
    }
}
