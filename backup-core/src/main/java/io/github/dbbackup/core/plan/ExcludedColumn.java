package io.github.dbbackup.core.plan;

import io.github.dbbackup.core.manifest.ColumnSchema;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of an included table that the backup leaves out (it is never selected), with what a
 * restore must put there instead.
 *
 * @param column the column as the source described it (so a restore knows its nullability/default)
 * @param placeholder the value a restore writes into it (text form, cast to the column type), or
 *     {@code null} when the plan declared none
 * @param requiredAction what someone must do after a restore because it is missing, empty when
 *     nothing
 * @since 0.1
 */
public record ExcludedColumn(ColumnSchema column, String placeholder, String requiredAction) {

    /** Checks the components. */
    public ExcludedColumn {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(requiredAction, "requiredAction");
    }

    /**
     * Returns the restore placeholder.
     *
     * @return the placeholder, empty when none was declared
     */
    public Optional<String> restorePlaceholder() {
        return Optional.ofNullable(placeholder);
    }
}
