package io.github.dbbackup.core.spi;

import java.util.Objects;

/**
 * A range of a single-column integer key, for reading one slice of a table (parallel export splits
 * the largest tables into such ranges). Either bound may be absent: {@code from} is inclusive,
 * {@code to} exclusive, {@code null} means unbounded on that side, so the first and last ranges of a
 * split also take rows outside the bounds seen when splitting.
 *
 * @param column the key column
 * @param from the smallest key in the range, {@code null} for no lower bound
 * @param to the first key after the range, {@code null} for no upper bound
 * @since 0.2
 */
public record KeyRange(String column, Long from, Long to) {

    /** Checks the components. */
    public KeyRange {
        Objects.requireNonNull(column, "column");
        if (from != null && to != null && from >= to) {
            throw new IllegalArgumentException("key range of '" + column + "' was [" + from + ", " + to
                    + ") but from must be below to");
        }
    }
}
