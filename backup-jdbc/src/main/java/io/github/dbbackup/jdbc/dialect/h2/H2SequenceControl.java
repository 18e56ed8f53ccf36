package io.github.dbbackup.jdbc.dialect.h2;

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
 * H2's sequences: identity columns and sequences named in {@code NEXT VALUE FOR} defaults restarted
 * past the restored maximum right after the restore commits (H2 commits on DDL).
 */
final class H2SequenceControl implements SequenceControl {

    private static final Pattern NEXT_VALUE = Pattern.compile("(?i)NEXT VALUE FOR (\\S+)");

    private final SqlGeneration sql;

    H2SequenceControl(SqlGeneration sql) {
        this.sql = sql;
    }

    @Override
    public List<String> resetSequences(Connection connection, String schema, String table, List<ColumnSchema> columns,
            List<String> afterCommit) throws SQLException {
        List<String> done = new ArrayList<>();
        for (ColumnSchema column : columns) {
            String sequence = null;
            if (!column.autoIncrement()) {
                Matcher m = column.defaultExpression() == null ? null : NEXT_VALUE.matcher(column.defaultExpression());
                if (m == null || !m.find()) {
                    continue;
                }
                sequence = m.group(1);
            }
            Long max = null;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX("
                    + sql.quote(column.name()) + ") FROM " + sql.qualify(schema, table))) {
                if (rs.next()) {
                    long value = rs.getLong(1);
                    max = rs.wasNull() ? null : value;
                }
            }
            if (max == null) {
                continue;
            }
            // H2 commits the transaction on DDL: these run right after the restore commits.
            afterCommit.add(sequence == null
                    ? "ALTER TABLE " + sql.qualify(schema, table) + " ALTER COLUMN " + sql.quote(column.name()) + " RESTART WITH " + (max + 1)
                    : "ALTER SEQUENCE " + sequence + " RESTART WITH " + (max + 1));
            done.add(table + "." + column.name() + ": " + (sequence == null ? "identity" : "sequence " + sequence)
                    + " restarts at " + (max + 1) + " after commit");
        }
        return done;
    }
}
