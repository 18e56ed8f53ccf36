package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import java.util.List;

/**
 * PostgreSQL (9.6 and later; tested on 15): snapshot {@code REPEATABLE READ, READ ONLY}; rows
 * streamed through a server-side cursor (auto-commit off plus fetch size); {@code FROM ONLY} so that
 * inheritance children and partitions are exported once, as themselves; {@code numeric} read as
 * text so {@code NaN} and {@code Infinity} survive; enums, domains, intervals, {@code inet},
 * {@code money}, {@code timetz} and other types read as their text form; arrays read from their text
 * form and parsed here (no {@code java.sql} date types, no JVM zone); the settings that change text
 * forms pinned in the snapshot and restore transactions; restore writes PostgreSQL's own input text
 * (decision 0008). Foreign keys of NOT NULL cycles are bypassed with
 * {@code session_replication_role} (superuser) or dropped and re-added (owner); user triggers are
 * disabled per table; sequences, identities and {@code nextval} defaults are moved on.
 *
 * @since 0.1
 */
public class PostgreSqlDialect extends GenericDialect {

    /** Creates the dialect. */
    public PostgreSqlDialect() {
        this(new PostgreSqlSqlGeneration());
    }

    private PostgreSqlDialect(PostgreSqlSqlGeneration sql) {
        super("PostgreSQL", new PostgreSqlSessionControl(), new PostgreSqlSchemaIntrospection(sql),
                new PostgreSqlTypeMapping(), sql, new PostgreSqlConstraintControl(sql), new PostgreSqlSequenceControl(sql),
                new PostgreSqlAccessChecks(sql));
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        return product.name().equalsIgnoreCase("PostgreSQL");
    }

    /**
     * Returns the text PostgreSQL's input functions read as a decoded value, whatever the session's
     * {@code DateStyle}: dates and timestamps with PostgreSQL's year numbering ({@code 0044-03-15 BC},
     * {@code 12026-01-01}), the extreme {@code java.time} values as {@code infinity}/{@code -infinity}
     * and {@code LocalTime.MAX} as {@code 24:00:00} (FORMAT.md §6.8), {@code BigDecimal} in plain
     * notation, bytes as {@code \x} hex, anything else as {@code toString()}. Used by bulk loaders
     * that send text.
     *
     * @param value a decoded value, not null and not a list
     * @return the text
     * @since 0.1
     */
    public static String inputText(Object value) {
        return PostgreSqlText.input(value);
    }

    /**
     * Writes a PostgreSQL array literal ({@code {"a","b",NULL}}), every element in its
     * {@link #inputText} form, quoted and escaped, separated by commas (also used by bulk loaders
     * that send text).
     *
     * @param list the elements, nested lists for more dimensions
     * @return the literal
     */
    public static String arrayLiteral(List<?> list) {
        return PostgreSqlText.arrayLiteral(list, ',');
    }

    /**
     * Writes the array literal of a value of {@code column}: as {@link #arrayLiteral(List)}, with the
     * delimiter of the column's element type ({@code ;} for {@code box}, the only built-in type whose
     * delimiter is not a comma).
     *
     * @param list the elements, nested lists for more dimensions
     * @param column the array column, or null for a comma
     * @return the literal
     * @since 0.1
     */
    public static String arrayLiteral(List<?> list, ColumnSchema column) {
        return PostgreSqlText.arrayLiteral(list, column);
    }
}
