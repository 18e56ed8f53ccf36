package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import java.util.Locale;

/**
 * MariaDB (10.3 and later; tested on 10.11) and MySQL (8): snapshot {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT, READ ONLY} at {@code REPEATABLE READ}; session time zone pinned to UTC so
 * {@code TIMESTAMP} values are read (and restored) without shifting; rows streamed with a fetch
 * size; the database is the schema (catalog in JDBC metadata); back-quoted identifiers.
 * {@code BOOLEAN}/{@code TINYINT(1)} are backed up as integers and {@code TIME}, {@code DATE},
 * {@code DATETIME} and {@code TIMESTAMP} as the server's text, because they hold values that a Java
 * boolean or {@code java.time} would lose (zero dates, {@code 838:59:59}); every spatial type as its
 * binary form. Restores run in a strict {@code sql_mode} that allows zero dates (see ADR 0009).
 * Foreign keys of NOT NULL cycles are bypassed with {@code foreign_key_checks = 0}; triggers keep
 * firing and are reported.
 *
 * @since 0.1
 */
public class MariaDbDialect extends GenericDialect {

    /** Appended to a system-versioned table's name to name its history rows. */
    public static final String HISTORY_SUFFIX = " (history)";

    /** Creates the dialect. */
    public MariaDbDialect() {
        this(new MariaDbSqlGeneration());
    }

    private MariaDbDialect(MariaDbSqlGeneration sql) {
        super("MariaDB", new MariaDbSessionControl(), new MariaDbSchemaIntrospection(sql), new MariaDbTypeMapping(sql), sql,
                new MariaDbConstraintControl(), new MariaDbSequenceControl(sql), new MariaDbAccessChecks(sql));
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        String name = product.name().toLowerCase(Locale.ROOT);
        return name.contains("mariadb") || name.contains("mysql");
    }
}
