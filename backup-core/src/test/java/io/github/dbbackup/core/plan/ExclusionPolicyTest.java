package io.github.dbbackup.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.plan.ExclusionPolicy.Decision;
import io.github.dbbackup.core.plan.ExclusionPolicy.Outcome;
import org.junit.jupiter.api.Test;

class ExclusionPolicyTest {

    @Test
    void noneHasNoOpinionAndNamesNoTable() {
        ExclusionPolicy none = ExclusionPolicy.none();

        assertThat(none.decide("users")).isEqualTo(Decision.noOpinion());
        assertThat(none.decide("users").isExclude()).isFalse();
        assertThat(none.namedTables()).isEmpty();
    }

    @Test
    void tableExcludesOneTableIgnoringCaseWithReasonAndAction() {
        ExclusionPolicy sessions = ExclusionPolicy.table("Sessions", "Ephemeral login sessions", "Users must sign in again");

        assertThat(sessions.decide("sessions")).isEqualTo(new Decision(Outcome.EXCLUDE, "Ephemeral login sessions",
                "Users must sign in again"));
        assertThat(sessions.decide("SESSIONS").isExclude()).isTrue();
        assertThat(sessions.decide("sessions_archive").isExclude()).isFalse();
        assertThat(sessions.decide("session").isExclude()).isFalse();
        assertThat(sessions.namedTables()).containsExactly("Sessions");
    }

    @Test
    void tableWithoutActionRecordsAnEmptyAction() {
        assertThat(ExclusionPolicy.table("t", "reason").decide("t")).isEqualTo(Decision.exclude("reason", ""));
    }

    @Test
    void matchingExcludesWholeNamesIgnoringCaseAndNamesNoTable() {
        ExclusionPolicy tmp = ExclusionPolicy.matching("tmp_.*", "Scratch tables");

        assertThat(tmp.decide("tmp_import")).isEqualTo(Decision.exclude("Scratch tables", ""));
        assertThat(tmp.decide("TMP_IMPORT").isExclude()).isTrue();
        assertThat(tmp.decide("my_tmp_import").isExclude()).as("the whole name must match").isFalse();
        assertThat(tmp.decide("tmp").isExclude()).isFalse();
        assertThat(tmp.namedTables()).as("patterns may match nothing without failing the plan").isEmpty();
    }

    @Test
    void orAsksTheFirstPolicyFirstAndFallsThroughOnNoOpinion() {
        ExclusionPolicy policy = ExclusionPolicy.table("api_keys", "Secrets", "Regenerate API keys")
                .or(ExclusionPolicy.matching(".*_keys", "All keys"))
                .or(ExclusionPolicy.table("sessions", "Ephemeral"));

        assertThat(policy.decide("api_keys")).isEqualTo(Decision.exclude("Secrets", "Regenerate API keys"));
        assertThat(policy.decide("ssh_keys")).isEqualTo(Decision.exclude("All keys", ""));
        assertThat(policy.decide("sessions")).isEqualTo(Decision.exclude("Ephemeral", ""));
        assertThat(policy.decide("users")).isEqualTo(Decision.noOpinion());
        assertThat(policy.namedTables()).containsExactly("api_keys", "sessions");
    }

    @Test
    void orWithNoneChangesNothing() {
        ExclusionPolicy t = ExclusionPolicy.table("x", "r");

        assertThat(ExclusionPolicy.none().or(t).decide("x")).isEqualTo(t.decide("x"));
        assertThat(t.or(ExclusionPolicy.none()).decide("x")).isEqualTo(t.decide("x"));
        assertThat(ExclusionPolicy.none().or(t).namedTables()).containsExactly("x");
    }

    @Test
    void orRejectsNull() {
        assertThatThrownBy(() -> ExclusionPolicy.none().or(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other");
    }

    @Test
    void anExclusionNeedsAReason() {
        assertThatThrownBy(() -> ExclusionPolicy.table("t", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an exclusion needs a reason");
        assertThatThrownBy(() -> ExclusionPolicy.matching("t.*", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.exclude("", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noOpinionCarriesNoReason() {
        assertThat(Decision.noOpinion().outcome()).isEqualTo(Outcome.NO_OPINION);
        assertThat(Decision.noOpinion().reason()).isEmpty();
        assertThat(Decision.noOpinion().requiredAction()).isEmpty();
    }

    @Test
    void rejectsAnInvalidPatternAtOnce() {
        assertThatThrownBy(() -> ExclusionPolicy.matching("tmp_(", "Scratch"))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }
}
