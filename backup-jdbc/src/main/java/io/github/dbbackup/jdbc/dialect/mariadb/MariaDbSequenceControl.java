package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.jdbc.spi.SequenceControl;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB's sequences: InnoDB's {@code AUTO_INCREMENT} follows explicit ids by itself; sequences named
 * in {@code nextval(…)} defaults are moved with {@code SETVAL}.
 */
final class MariaDbSequenceControl implements SequenceControl {

    private static final Pattern NEXTVAL = Pattern.compile("(?i)nextval\\(([^)]+)\\)");

    private final SqlGeneration sql;

    MariaDbSequenceControl(SqlGeneration sql) {
        this.sql = sql;
    }

    @Override
    public List<String> resetSequences(Connection connection, String schema, String table, List<ColumnSchema> columns,
            List<String> afterCommit) throws SQLException {
        List<String> done = new ArrayList<>();
        for (ColumnSchema column : columns) {
            if (column.autoIncrement()) {
                // InnoDB moves the AUTO_INCREMENT counter past every explicit id inserted; no DDL needed
                // (ALTER TABLE would commit the restore transaction early).
                done.add(table + "." + column.name() + ": AUTO_INCREMENT follows the restored ids (InnoDB)");
            } else if (column.defaultExpression() != null) {
                Matcher m = NEXTVAL.matcher(column.defaultExpression());
                if (m.find()) {
                    String sequence = m.group(1).trim();
                    done.add(table + "." + column.name() + ": sequence " + sequence
                            + moveSequence(connection, sequence, sql.qualify(schema, table), column));
                }
            }
        }
        return done;
    }

    /**
     * {@code SETVAL} takes constants only, so the maximum is read first; MariaDB's {@code SETVAL}
     * ignores a value below the sequence's current one, so a shared sequence never moves back.
     */
    private String moveSequence(Connection connection, String sequence, String qualifiedTable, ColumnSchema column)
            throws SQLException {
        long max;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(" + sql.quote(column.name()) + ") FROM " + qualifiedTable)) {
            rs.next();
            max = rs.getLong(1);
            if (rs.wasNull()) {
                return " left as is (table empty)";
            }
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT SETVAL(" + sequence + ", " + max + ")")) {
            rs.next();
            rs.getLong(1);
            return rs.wasNull() ? " left as is (already past " + max + ")" : " moved to " + max;
        }
    }
}
