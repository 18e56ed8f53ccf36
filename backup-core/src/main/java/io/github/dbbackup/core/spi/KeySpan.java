package io.github.dbbackup.core.spi;

import java.util.Objects;

/**
 * The smallest and largest value of a single-column integer key among the rows a query selects.
 *
 * @param column the key column
 * @param min the smallest key
 * @param max the largest key
 * @since 0.2
 */
public record KeySpan(String column, long min, long max) {

    /** Checks the components. */
    public KeySpan {
        Objects.requireNonNull(column, "column");
        if (min > max) {
            throw new IllegalArgumentException("key span of '" + column + "' was [" + min + ", " + max
                    + "] but min must not exceed max");
        }
    }
}
