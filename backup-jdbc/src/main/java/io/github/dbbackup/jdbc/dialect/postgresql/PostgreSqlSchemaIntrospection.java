package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.jdbc.dialect.GenericSchemaIntrospection;
import io.github.dbbackup.jdbc.spi.ReferencingKey;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's catalog: {@code current_schema()}, row estimates from {@code pg_class.reltuples}, full
 * native types from {@code format_type}, and foreign keys of other schemas from {@code pg_constraint}.
 */
final class PostgreSqlSchemaIntrospection extends GenericSchemaIntrospection {

    private final SqlGeneration sql;

    PostgreSqlSchemaIntrospection(SqlGeneration sql) {
        this.sql = sql;
    }

    /**
     * {@code current_schema()}: the first schema of the {@code search_path} that exists. When none
     * exists (e.g. {@code currentSchema=MySchema} in the URL, which folds to {@code myschema}) this is
     * an error naming the path, never a silent fall-back to {@code public}.
     */
    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_schema(), current_setting('search_path')")) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) {
                throw new SQLException("no schema of the connection's search_path (" + rs.getString(2) + ") exists;"
                        + " fix the URL's currentSchema (a mixed-case name must be double-quoted, as in"
                        + " currentSchema=\"MySchema\") or name the schema with JdbcSource.builder(ds).schema(\"...\")",
                        "3F000");
            }
            return schema;
        }
    }

    /** {@code pg_class.reltuples}: -1 until the table was vacuumed or analyzed. */
    @Override
    public long estimatedRows(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT c.reltuples::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Math.max(-1, rs.getLong(1)) : -1;
            }
        }
    }

    @Override
    public Map<String, String> nativeTypes(Connection connection, String schema, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, sql.qualify(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /** Foreign keys from every schema: {@code pg_constraint} shows them whatever the role may read. */
    @Override
    public List<ReferencingKey> referencingKeysFromOtherSchemas(Connection connection, String schema, List<String> tables)
            throws SQLException {
        List<ReferencingKey> keys = new ArrayList<>();
        String columns = "SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(%s) WITH ORDINALITY k(num, ord)"
                + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.num";
        try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname, c.relname, con.conname, r.relname,"
                + " (" + String.format(columns, "con.conkey", "con.conrelid") + "),"
                + " (" + String.format(columns, "con.confkey", "con.confrelid") + ")"
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class r ON r.oid = con.confrelid"
                + " JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                + " WHERE con.contype = 'f' AND rn.nspname = ? AND n.nspname <> ? AND r.relname = ANY (?)"
                + (connection.getMetaData().getDatabaseMajorVersion() >= 11 ? " AND con.conparentid = 0" : "")
                + " ORDER BY 1, 2, 3")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            ps.setArray(3, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> from = List.of((String[]) rs.getArray(5).getArray());
                    List<String> to = List.of((String[]) rs.getArray(6).getArray());
                    keys.add(new ReferencingKey(rs.getString(1), rs.getString(2),
                            new ForeignKey(rs.getString(3), from, rs.getString(4), to)));
                }
            }
        }
        return keys;
    }
}
