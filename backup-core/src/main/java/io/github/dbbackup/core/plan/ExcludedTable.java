package io.github.dbbackup.core.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * A table the backup deliberately leaves out, and why.
 *
 * @param table the table name
 * @param reason why it is not backed up ("secrets", "ephemeral sessions")
 * @param requiredAction what someone must do after a restore because it is missing ("Users must
 *     re-connect Slack"), empty when nothing
 * @since 0.1
 */
public record ExcludedTable(String table, String reason, String requiredAction) {

    /** Checks the components. */
    public ExcludedTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requiredAction, "requiredAction");
    }

    /**
     * Returns the post-restore action, if any.
     *
     * @return the action, empty when none is required
     */
    public Optional<String> action() {
        return requiredAction.isEmpty() ? Optional.empty() : Optional.of(requiredAction);
    }
}
