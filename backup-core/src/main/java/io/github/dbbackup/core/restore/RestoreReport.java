package io.github.dbbackup.core.restore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a committed restore did.
 *
 * @param plan the plan it followed (order, cycles, decisions, checklist)
 * @param rowsWritten rows written per table, in restore order
 * @param checks the checks that passed before commit (row counts, foreign-key integrity, sequences)
 * @param warnings what could not be done as asked (e.g. triggers that had to stay on)
 * @param duration wall-clock time
 * @since 0.1
 */
public record RestoreReport(RestorePlan plan, Map<String, Long> rowsWritten, List<String> checks, List<String> warnings,
        Duration duration) {

    /** Checks the components. */
    public RestoreReport {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(duration, "duration");
        rowsWritten = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsWritten));
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the post-restore checklist.
     *
     * @return one line per action
     */
    public List<String> checklist() {
        return plan.checklist();
    }

    /**
     * Returns the total rows written.
     *
     * @return rows
     */
    public long totalRows() {
        return rowsWritten.values().stream().mapToLong(Long::longValue).sum();
    }
}
