package io.github.dbbackup.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a prune would do: one decision per set (complete, incomplete or unreadable), oldest first.
 * Making a plan changes nothing, so {@link BackupPruner#plan()} is the dry run.
 *
 * @param plannedAt the pruner's "now" when the plan was made
 * @param policy the retention policy applied
 * @param incompleteGracePeriod how old an incomplete set must be before it is swept
 * @param decisions one per set, oldest first
 * @since 0.1
 */
public record PrunePlan(Instant plannedAt, RetentionPolicy policy, Duration incompleteGracePeriod,
        List<PruneDecision> decisions) {

    /** Checks the components. */
    public PrunePlan {
        Objects.requireNonNull(plannedAt, "plannedAt");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(incompleteGracePeriod, "incompleteGracePeriod");
        decisions = List.copyOf(decisions);
    }

    /**
     * Returns the decisions with {@code action}.
     *
     * @param action keep, delete or sweep
     * @return those decisions, oldest first
     */
    public List<PruneDecision> withAction(PruneDecision.Action action) {
        Objects.requireNonNull(action, "action");
        return decisions.stream().filter(d -> d.action() == action).toList();
    }

    /**
     * Returns the decision about one set.
     *
     * @param id the backup id
     * @return the decision, empty when the plan does not know the set
     */
    public Optional<PruneDecision> decision(String id) {
        return decisions.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * Returns the stored bytes that executing the plan frees.
     *
     * @return the bytes of the sets to delete and to sweep
     */
    public long bytesToFree() {
        return decisions.stream().filter(d -> d.action() != PruneDecision.Action.KEEP)
                .mapToLong(PruneDecision::bytes).sum();
    }

    /**
     * Describes the plan for people, one line per set, e.g.
     * {@code backup-20261128T030000Z-k3f9q2  KEEP    kept: daily 2026-11-28; kept: weekly 2026-W48}.
     *
     * @return the description, ending with a summary line
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (PruneDecision d : decisions) {
            text.append(d.id()).append("  ").append(String.format("%-7s", d.action())).append(' ')
                    .append(String.join("; ", d.reasons())).append('\n');
        }
        text.append("policy: ").append(policy).append("; keep ").append(withAction(PruneDecision.Action.KEEP).size())
                .append(", delete ").append(withAction(PruneDecision.Action.DELETE).size())
                .append(", sweep ").append(withAction(PruneDecision.Action.SWEEP).size())
                .append(", freeing ").append(bytesToFree()).append(" bytes");
        return text.toString();
    }
}
