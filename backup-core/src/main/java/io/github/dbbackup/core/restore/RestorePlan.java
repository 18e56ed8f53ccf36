package io.github.dbbackup.core.restore;

import java.util.List;
import java.util.Objects;

/**
 * What a restore will do, as the preflight (dry run) computed it without writing anything.
 *
 * @param backupId the set
 * @param mode the mode
 * @param tables the tables to write, in order, with the rows each will receive
 * @param cycles each foreign-key cycle and how it will be written
 * @param decisions every decision and warning (lenient skips, extra columns left to their default,
 *     placeholders used, triggers that cannot be disabled)
 * @param checklist what someone must do after the restore, from the plan's exclusions
 * @since 0.1
 */
public record RestorePlan(String backupId, RestoreMode mode, List<TableStep> tables, List<Cycle> cycles,
        List<String> decisions, List<String> checklist) {

    /** Checks the components. */
    public RestorePlan {
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(mode, "mode");
        tables = List.copyOf(tables);
        cycles = List.copyOf(cycles);
        decisions = List.copyOf(decisions);
        checklist = List.copyOf(checklist);
    }

    /**
     * Returns the rows the restore will write.
     *
     * @return the sum over tables
     */
    public long totalRows() {
        return tables.stream().mapToLong(TableStep::rows).sum();
    }

    /**
     * One table to restore.
     *
     * @param table the target table name
     * @param rows rows in the backup
     * @param columns the backed-up columns that will be written
     * @param nullThenUpdate foreign-key columns written as NULL first and set by UPDATE at the end
     * @since 0.1
     */
    public record TableStep(String table, long rows, List<String> columns, List<String> nullThenUpdate) {
        /** Checks the components. */
        public TableStep {
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
            nullThenUpdate = List.copyOf(nullThenUpdate);
        }
    }

    /**
     * A foreign-key cycle and the strategy that writes it.
     *
     * @param tables the tables in the cycle (one table for a self-reference)
     * @param strategy how it is written
     * @since 0.1
     */
    public record Cycle(List<String> tables, CycleStrategy strategy) {
        /** Checks the components. */
        public Cycle {
            tables = List.copyOf(tables);
            Objects.requireNonNull(strategy, "strategy");
        }
    }
}
