package io.github.dbbackup.core.plan;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which tables a backup deliberately leaves out, and records why. Compose policies with
 * {@link #or(ExclusionPolicy)}: the first policy with an opinion wins.
 *
 * <pre>{@code
 * ExclusionPolicy.table("session", "Ephemeral login sessions", "Users must sign in again")
 *     .or(ExclusionPolicy.table("api_key", "Secrets", "Regenerate API keys"))
 * }</pre>
 *
 * <p>Implementations must be immutable and thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ExclusionPolicy {

    /**
     * Decides about one table of the database.
     *
     * @param table the table name as the database spells it
     * @return {@link Decision#exclude} or {@link Decision#noOpinion()}
     */
    Decision decide(String table);

    /**
     * Returns the exact table names this policy names, which must exist in the database (so a
     * typo in a plan fails instead of silently excluding nothing). Patterns name none.
     *
     * @return the named tables, empty by default
     */
    default Set<String> namedTables() {
        return Set.of();
    }

    /**
     * Combines this policy with another; this one is asked first.
     *
     * @param other the policy asked when this one has no opinion
     * @return the combined policy
     */
    default ExclusionPolicy or(ExclusionPolicy other) {
        Objects.requireNonNull(other, "other");
        ExclusionPolicy first = this;
        return new ExclusionPolicy() {
            @Override
            public Decision decide(String table) {
                Decision decision = first.decide(table);
                return decision.isExclude() ? decision : other.decide(table);
            }

            @Override
            public Set<String> namedTables() {
                Set<String> all = new LinkedHashSet<>(first.namedTables());
                all.addAll(other.namedTables());
                return all;
            }
        };
    }

    /**
     * A policy that excludes nothing.
     *
     * @return the policy
     */
    static ExclusionPolicy none() {
        return table -> Decision.noOpinion();
    }

    /**
     * Excludes one table, matched case-insensitively, with no post-restore action.
     *
     * @param table the table name
     * @param reason why it is not backed up
     * @return the policy
     */
    static ExclusionPolicy table(String table, String reason) {
        return table(table, reason, "");
    }

    /**
     * Excludes one table, matched case-insensitively, and records the action someone must take
     * after a restore because it is missing.
     *
     * @param table the table name
     * @param reason why it is not backed up
     * @param requiredAction the post-restore action, or an empty string
     * @return the policy
     */
    static ExclusionPolicy table(String table, String reason, String requiredAction) {
        Objects.requireNonNull(table, "table");
        Decision decision = Decision.exclude(reason, requiredAction);
        String lower = table.toLowerCase(Locale.ROOT);
        return new ExclusionPolicy() {
            @Override
            public Decision decide(String candidate) {
                return candidate.toLowerCase(Locale.ROOT).equals(lower) ? decision : Decision.noOpinion();
            }

            @Override
            public Set<String> namedTables() {
                return Set.of(table);
            }
        };
    }

    /**
     * Excludes every table whose whole name matches {@code regex} (case-insensitive), e.g.
     * {@code "tmp_.*"}. Matching nothing is not an error.
     *
     * @param regex a {@link Pattern} over the whole table name
     * @param reason why such tables are not backed up
     * @return the policy
     */
    static ExclusionPolicy matching(String regex, String reason) {
        Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        Decision decision = Decision.exclude(reason, "");
        return table -> pattern.matcher(table).matches() ? decision : Decision.noOpinion();
    }

    /**
     * A policy's answer about one table.
     *
     * @param outcome exclude, or no opinion
     * @param reason why the table is excluded, empty for no opinion
     * @param requiredAction what to do after a restore, empty when nothing
     * @since 0.1
     */
    record Decision(Outcome outcome, String reason, String requiredAction) {

        private static final Decision NO_OPINION = new Decision(Outcome.NO_OPINION, "", "");

        /** Checks the components. */
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(requiredAction, "requiredAction");
            if (outcome == Outcome.EXCLUDE && reason.isBlank()) {
                throw new IllegalArgumentException("an exclusion needs a reason, but reason was blank");
            }
        }

        /**
         * The table is excluded.
         *
         * @param reason why, never blank
         * @param requiredAction what to do after a restore, or an empty string
         * @return the decision
         */
        public static Decision exclude(String reason, String requiredAction) {
            return new Decision(Outcome.EXCLUDE, reason, requiredAction);
        }

        /**
         * The policy has nothing to say about the table.
         *
         * @return the decision
         */
        public static Decision noOpinion() {
            return NO_OPINION;
        }

        /**
         * Returns whether the table is excluded.
         *
         * @return {@code true} for {@link Outcome#EXCLUDE}
         */
        public boolean isExclude() {
            return outcome == Outcome.EXCLUDE;
        }
    }

    /**
     * The two answers a policy can give.
     *
     * @since 0.1
     */
    enum Outcome {
        /** Leave the table out. */
        EXCLUDE,
        /** Let the next policy, or the plan, decide. */
        NO_OPINION
    }
}
