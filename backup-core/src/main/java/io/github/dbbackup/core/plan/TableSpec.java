package io.github.dbbackup.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to back up of one table: all columns, only some, or all but some; an optional row filter;
 * and for excluded columns, the placeholder a restore writes and the action someone must take.
 * Immutable: every {@code with}-style method returns a new spec.
 *
 * <pre>{@code
 * TableSpec.of("users")
 *     .excludeColumn("password_hash", "Every user must reset their password")
 *     .placeholder("password_hash", "RESET_REQUIRED")
 * }</pre>
 *
 * <p>Table and column names match the database's exactly, or, when that finds nothing,
 * case-insensitively if exactly one name matches (so {@code users} finds H2's {@code USERS}).
 *
 * @param table the table name
 * @param columns the only columns to back up; empty means all columns
 * @param excludedColumns columns never selected, each mapped to its required post-restore action
 *     (empty string when none)
 * @param placeholders restore placeholders of excluded columns (column → text value)
 * @param rowFilter an SQL predicate selecting the rows to back up, empty for all rows
 * @since 0.1
 */
public record TableSpec(
        String table,
        List<String> columns,
        Map<String, String> excludedColumns,
        Map<String, String> placeholders,
        String rowFilter) {

    /** Checks the components. */
    public TableSpec {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowFilter, "rowFilter");
        if (table.isBlank()) {
            throw new IllegalArgumentException("table must not be blank");
        }
        columns = List.copyOf(columns);
        excludedColumns = Collections.unmodifiableMap(new LinkedHashMap<>(excludedColumns));
        placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
    }

    /**
     * Starts a spec that backs up every column and every row of {@code table}.
     *
     * @param table the table name
     * @return the spec
     */
    public static TableSpec of(String table) {
        return new TableSpec(table, List.of(), Map.of(), Map.of(), "");
    }

    /**
     * Backs up only the named columns.
     *
     * @param names the columns to back up
     * @return a new spec
     */
    public TableSpec columns(String... names) {
        List<String> all = new ArrayList<>(columns);
        all.addAll(List.of(names));
        return new TableSpec(table, all, excludedColumns, placeholders, rowFilter);
    }

    /**
     * Never selects the named columns (a password hash never leaves the database).
     *
     * @param names the columns to leave out
     * @return a new spec
     */
    public TableSpec excludeColumns(String... names) {
        TableSpec spec = this;
        for (String name : names) {
            spec = spec.excludeColumn(name, "");
        }
        return spec;
    }

    /**
     * Never selects {@code column}, and records what someone must do after a restore because of it.
     *
     * @param column the column to leave out
     * @param requiredAction the post-restore action ("Every user must reset their password"), or
     *     an empty string
     * @return a new spec
     */
    public TableSpec excludeColumn(String column, String requiredAction) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(requiredAction, "requiredAction");
        Map<String, String> all = new LinkedHashMap<>(excludedColumns);
        all.put(column, requiredAction);
        return new TableSpec(table, columns, all, placeholders, rowFilter);
    }

    /**
     * Declares the value a restore writes into the excluded {@code column}, e.g.
     * {@code 'RESET_REQUIRED'} for a NOT NULL password hash.
     *
     * @param column an excluded column
     * @param value the value in its text form
     * @return a new spec
     */
    public TableSpec placeholder(String column, String value) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
        Map<String, String> all = new LinkedHashMap<>(placeholders);
        all.put(column, value);
        return new TableSpec(table, columns, excludedColumns, all, rowFilter);
    }

    /**
     * Backs up only the rows matching {@code predicate}, an SQL boolean expression over the table's
     * columns (e.g. {@code deleted_at IS NULL}). It is trusted SQL from the host's code: never build
     * it from user input.
     *
     * @param predicate the row filter
     * @return a new spec
     */
    public TableSpec where(String predicate) {
        return new TableSpec(table, columns, excludedColumns, placeholders, predicate);
    }
}
