package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.spi.SequenceControl;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's sequences: those of serial and identity columns (a partition's from its parents) and
 * those named in {@code nextval('…')} defaults, moved with {@code setval} and checked with
 * {@code has_sequence_privilege}.
 */
final class PostgreSqlSequenceControl implements SequenceControl {

    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')+)'(?:::regclass)?\\)");

    private final SqlGeneration sql;

    PostgreSqlSequenceControl(SqlGeneration sql) {
        this.sql = sql;
    }

    /**
     * The sequences that feed a column: its own (serial, identity), a partitioned parent's identity
     * (a partition does not own it), and one named in a {@code nextval('...')} default.
     */
    private List<String> sequencesOf(Connection connection, String qualified, ColumnSchema column) throws SQLException {
        List<String> sequences = new ArrayList<>();
        boolean partitions = connection.getMetaData().getDatabaseMajorVersion() >= 12;
        String query = "SELECT pg_get_serial_sequence(CAST(? AS regclass)::text, ?)" + (partitions
                ? " UNION SELECT pg_get_serial_sequence(a::regclass::text, ?) FROM pg_partition_ancestors(CAST(? AS regclass)) a"
                : "");
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            ps.setString(1, qualified);
            ps.setString(2, column.name());
            if (partitions) {
                ps.setString(3, column.name());
                ps.setString(4, qualified);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        sequences.add(rs.getString(1));
                    }
                }
            }
        }
        if (column.defaultExpression() != null) {
            Matcher m = NEXTVAL.matcher(column.defaultExpression());
            if (m.find()) {
                String named = m.group(1).replace("''", "'");
                try (PreparedStatement ps = connection.prepareStatement("SELECT quote_ident(n.nspname) || '.' ||"
                        + " quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.oid = CAST(? AS regclass)")) {
                    ps.setString(1, named);
                    try (ResultSet rs = ps.executeQuery()) {
                        String resolved = rs.next() ? rs.getString(1) : named;
                        if (!sequences.contains(resolved)) {
                            sequences.add(resolved);
                        }
                    }
                }
            }
        }
        return sequences;
    }

    /**
     * Moves each sequence to the greatest of its current value and the column's maximum: a sequence
     * shared by several tables, or already further on, never moves back.
     */
    @Override
    public List<String> resetSequences(Connection connection, String schema, String table, List<ColumnSchema> columns,
            List<String> afterCommit) throws SQLException {
        List<String> done = new ArrayList<>();
        String qualified = sql.qualify(schema, table);
        for (ColumnSchema column : columns) {
            if (column.valueType() != ValueType.INTEGER && column.valueType() != ValueType.DECIMAL) {
                continue;
            }
            for (String sequence : sequencesOf(connection, qualified, column)) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT setval(CAST(? AS regclass),"
                        + " GREATEST(m, pg_sequence_last_value(CAST(? AS regclass))), true) FROM (SELECT CAST(MAX("
                        + sql.quote(column.name()) + ") AS bigint) AS m FROM " + qualified + ") x WHERE m IS NOT NULL")) {
                    ps.setString(1, sequence);
                    ps.setString(2, sequence);
                    try (ResultSet rs = ps.executeQuery()) {
                        done.add(rs.next() ? table + "." + column.name() + ": sequence " + sequence + " at "
                                + rs.getLong(1) + " (next value " + (rs.getLong(1) + 1) + ")"
                                : table + "." + column.name() + ": sequence " + sequence + " left as is (table empty)");
                    }
                }
            }
        }
        return done;
    }

    @Override
    public List<String> sequencesThatCannotBeMoved(Connection connection, String schema, String table,
            List<ColumnSchema> columns) throws SQLException {
        List<String> refused = new ArrayList<>();
        String qualified = sql.qualify(schema, table);
        for (ColumnSchema column : columns) {
            if (column.valueType() != ValueType.INTEGER && column.valueType() != ValueType.DECIMAL) {
                continue;
            }
            for (String sequence : sequencesOf(connection, qualified, column)) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT has_sequence_privilege(CAST(? AS regclass), 'UPDATE')")) {
                    ps.setString(1, sequence);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && !rs.getBoolean(1)) {
                            refused.add(table + "." + column.name() + ": sequence " + sequence);
                        }
                    }
                }
            }
        }
        return refused;
    }
}
