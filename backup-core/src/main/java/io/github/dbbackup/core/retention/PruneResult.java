package io.github.dbbackup.core.retention;

import java.util.List;
import java.util.Objects;

/**
 * What a prune did: the plan it executed, the sets it removed, and what it could not finish.
 *
 * @param plan the plan that was executed
 * @param deleted the complete sets whose every blob was deleted, oldest first
 * @param swept the incomplete sets whose every blob was deleted, oldest first
 * @param failures what could not be finished; empty when everything went to plan
 * @since 0.1
 */
public record PruneResult(PrunePlan plan, List<String> deleted, List<String> swept, List<PruneFailure> failures) {

    /** Checks the components. */
    public PruneResult {
        Objects.requireNonNull(plan, "plan");
        deleted = List.copyOf(deleted);
        swept = List.copyOf(swept);
        failures = List.copyOf(failures);
    }

    /**
     * Returns whether the whole plan was carried out.
     *
     * @return {@code true} when there is no failure
     */
    public boolean isComplete() {
        return failures.isEmpty();
    }
}
