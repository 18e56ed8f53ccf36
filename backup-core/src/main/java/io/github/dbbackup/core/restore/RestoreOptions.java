package io.github.dbbackup.core.restore;

import io.github.dbbackup.core.BackupConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * How to restore. Immutable; take {@link #defaults()} and change it with the {@code with…} methods.
 *
 * @param mode what to do with existing rows (default {@link RestoreMode#EMPTY_ONLY})
 * @param strict whether any schema mismatch fails the restore before writing (default {@code true});
 *     lenient restores what matches and reports every decision
 * @param disableTriggers whether user triggers are kept from firing during the restore where the
 *     database and role allow it (default {@code true}), so {@code updated_at} keeps its backed-up value
 * @param allowReplaceWithReferences whether REPLACE may delete rows that rows of tables outside
 *     the backup reference (default {@code false})
 * @since 0.1
 */
public record RestoreOptions(RestoreMode mode, boolean strict, boolean disableTriggers, boolean allowReplaceWithReferences) {

    /** Checks the components, reporting every problem at once. */
    public RestoreOptions {
        List<String> problems = new ArrayList<>();
        if (mode == null) {
            problems.add("mode was null; use RestoreMode.EMPTY_ONLY, UPSERT or REPLACE");
        }
        if (!problems.isEmpty()) {
            throw new BackupConfigurationException("Invalid restore options", problems);
        }
    }

    /**
     * Returns the defaults: EMPTY_ONLY, strict, triggers disabled, REPLACE guarded. (Batch size is
     * the target's setting, e.g. {@code JdbcTarget.builder(ds).batchSize(n)}.)
     *
     * @return the options
     */
    public static RestoreOptions defaults() {
        return new RestoreOptions(RestoreMode.EMPTY_ONLY, true, true, false);
    }

    /**
     * Returns these options with another mode.
     *
     * @param mode the mode
     * @return new options
     */
    public RestoreOptions withMode(RestoreMode mode) {
        return new RestoreOptions(mode, strict, disableTriggers, allowReplaceWithReferences);
    }

    /**
     * Returns these options, lenient (restore what matches) or strict.
     *
     * @param strict whether mismatches fail
     * @return new options
     */
    public RestoreOptions withStrict(boolean strict) {
        return new RestoreOptions(mode, strict, disableTriggers, allowReplaceWithReferences);
    }

    /**
     * Returns these options with triggers kept firing ({@code false}) or disabled where possible.
     *
     * @param disableTriggers whether to keep user triggers from firing
     * @return new options
     */
    public RestoreOptions withDisableTriggers(boolean disableTriggers) {
        return new RestoreOptions(mode, strict, disableTriggers, allowReplaceWithReferences);
    }

    /**
     * Returns these options allowing REPLACE to delete rows referenced from outside the backup.
     *
     * @param allow whether to allow it
     * @return new options
     */
    public RestoreOptions withAllowReplaceWithReferences(boolean allow) {
        return new RestoreOptions(mode, strict, disableTriggers, allow);
    }

}
