package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.CycleStrategy;
import io.github.dbbackup.core.ForeignKey;
import io.github.dbbackup.core.RestoreMode;
import io.github.dbbackup.core.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL (9.6 and later; tested on 15): snapshot {@code REPEATABLE READ, READ ONLY}; rows
 * streamed through a server-side cursor (auto-commit off plus fetch size); {@code FROM ONLY} so that
 * inheritance children and partitions are exported once, as themselves; {@code numeric} read as
 * text so {@code NaN} and {@code Infinity} survive; enums, domains, intervals, {@code inet},
 * {@code money}, {@code timetz} and other types read as their text form.
 *
 * @since 0.1
 */
public class PostgreSqlDialect extends GenericDialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        return product.name().equalsIgnoreCase("PostgreSQL");
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            String schema = rs.next() ? rs.getString(1) : null;
            return schema == null ? "public" : schema;
        }
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*");

    /** The transaction's snapshot, for the other connections of a parallel export. */
    @Override
    public Optional<String> exportSnapshot(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return Optional.of(rs.getString(1));
        }
    }

    /** {@code SET TRANSACTION SNAPSHOT} must come before the transaction's first query. */
    @Override
    public void beginSharedSnapshot(Connection connection, String snapshotId) throws SQLException {
        // The id goes into SQL text (SET takes no parameters): accept only what PostgreSQL produces.
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new SQLException("'" + snapshotId + "' is not a PostgreSQL snapshot id");
        }
        beginSnapshot(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
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
    public String fromClause(String schema, String table) {
        return "ONLY " + quote(schema) + "." + quote(table);
    }

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        String type = typeName.toLowerCase(Locale.ROOT);
        if (type.startsWith("_")) {
            return ValueType.ARRAY;
        }
        return switch (type) {
            case "bool" -> ValueType.BOOLEAN;
            case "int2", "int4", "int8", "smallserial", "serial", "bigserial", "oid" -> ValueType.INTEGER;
            case "numeric" -> ValueType.DECIMAL;
            case "float4", "float8" -> ValueType.FLOAT;
            case "text", "varchar", "bpchar", "char", "name", "citext" -> ValueType.STRING;
            case "bytea" -> ValueType.BINARY;
            case "date" -> ValueType.DATE;
            case "time" -> ValueType.TIME;
            case "timestamp" -> ValueType.TIMESTAMP;
            case "timestamptz" -> ValueType.TIMESTAMP_TZ;
            case "uuid" -> ValueType.UUID;
            case "json", "jsonb" -> ValueType.JSON;
            default -> ValueType.OTHER; // enums, domains, interval, inet, money, bit, timetz, xml, tsvector, ...
        };
    }

    @Override
    public ValueType arrayElementType(String arrayTypeName) {
        String element = arrayTypeName.startsWith("_") ? arrayTypeName.substring(1) : arrayTypeName;
        ValueType type = valueType(0, element, 0);
        return type == ValueType.ARRAY ? ValueType.OTHER : type;
    }

    @Override
    public String selectExpression(ColumnSchema column) {
        if (column.valueType() == ValueType.OTHER || column.valueType() == ValueType.DECIMAL
                || column.valueType() == ValueType.ARRAY && column.elementType() == ValueType.OTHER) {
            // Text form: exact digits (and NaN/Infinity) for numeric; the canonical literal for the rest.
            String cast = column.valueType() == ValueType.ARRAY ? "::text[]" : "::text";
            return quote(column.name()) + cast;
        }
        return quote(column.name());
    }

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.DECIMAL) {
            return rs.getString(index);
        }
        return super.readValue(rs, index, column);
    }

    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')+)'(?:::regclass)?\\)");

    @Override
    public Map<String, String> nativeTypes(Connection connection, String schema, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, qualify(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    @Override
    public String valueExpression(ColumnSchema column, String nativeType) {
        return switch (column.valueType()) {
            case OTHER, JSON, DECIMAL, ARRAY -> "CAST(? AS " + (nativeType != null ? nativeType : quote(column.typeName())) + ")";
            default -> "?";
        };
    }

    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value instanceof List<?> list) {
            ps.setString(index, arrayLiteral(list));
        } else {
            super.bind(ps, index, column, value, valueExpression);
        }
    }

    /**
     * Writes a PostgreSQL array literal ({@code {"a","b",NULL}}), every element quoted and escaped
     * (also used by bulk loaders that send text).
     *
     * @param list the elements, nested lists for more dimensions
     * @return the literal
     */
    public static String arrayLiteral(List<?> list) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (element == null) {
                sb.append("NULL");
            } else if (element instanceof List<?> nested) {
                sb.append(arrayLiteral(nested));
            } else {
                String text = element instanceof byte[] bytes ? "\\x" + java.util.HexFormat.of().formatHex(bytes)
                        : textForm(element);
                sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        // OVERRIDING SYSTEM VALUE keeps explicit ids in GENERATED ALWAYS identity columns (harmless elsewhere).
        String insert = "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") OVERRIDING SYSTEM VALUE"
                + " VALUES " + Dialect.valuesRows(values, rows);
        if (mode != RestoreMode.UPSERT) {
            return insert;
        }
        List<String> set = new ArrayList<>();
        for (String column : columns) {
            if (!primaryKey.contains(column)) {
                set.add(column + " = EXCLUDED." + column);
            }
        }
        return insert + " ON CONFLICT (" + String.join(", ", primaryKey) + ") DO "
                + (set.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", set));
    }

    @Override
    public boolean isDeferrable(Connection connection, String schema, String table, ForeignKey fk) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT condeferrable FROM pg_constraint WHERE conrelid = CAST(? AS regclass) AND conname = ?")) {
            ps.setString(1, qualify(schema, table));
            ps.setString(2, fk.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void deferConstraints(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET CONSTRAINTS ALL DEFERRED");
        }
    }

    @Override
    public List<CycleStrategy> bypassStrategies(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            boolean superuser = rs.next() && rs.getBoolean(1);
            return superuser ? List.of(CycleStrategy.REPLICATION_ROLE, CycleStrategy.DROP_AND_RECREATE)
                    : List.of(CycleStrategy.DROP_AND_RECREATE);
        }
    }

    @Override
    public List<String> bypassForeignKeys(Connection connection, CycleStrategy strategy, String schema,
            Map<String, List<ForeignKey>> foreignKeys) throws SQLException {
        List<String> undo = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            if (strategy == CycleStrategy.REPLICATION_ROLE) {
                s.execute("SET LOCAL session_replication_role = replica");
                undo.add("SET LOCAL session_replication_role = origin");
                return undo;
            }
            if (strategy != CycleStrategy.DROP_AND_RECREATE) {
                return super.bypassForeignKeys(connection, strategy, schema, foreignKeys);
            }
            for (Map.Entry<String, List<ForeignKey>> e : foreignKeys.entrySet()) {
                String table = qualify(schema, e.getKey());
                for (ForeignKey fk : e.getValue()) {
                    String definition;
                    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_constraintdef(oid) FROM"
                            + " pg_constraint WHERE conrelid = CAST(? AS regclass) AND conname = ?")) {
                        ps.setString(1, table);
                        ps.setString(2, fk.name());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new SQLException("foreign key " + fk.name() + " of " + table + " not found");
                            }
                            definition = rs.getString(1);
                        }
                    }
                    s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(fk.name()));
                    undo.add("ALTER TABLE " + table + " ADD CONSTRAINT " + quote(fk.name()) + " " + definition);
                }
            }
        }
        return undo;
    }

    @Override
    public String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        String qualified = qualify(schema, table);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST(? AS regclass) AND NOT tgisinternal")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) == 0) {
                    return "";
                }
            }
        }
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + qualified + " DISABLE TRIGGER USER");
            connection.releaseSavepoint(savepoint);
            return "ALTER TABLE " + qualified + " ENABLE TRIGGER USER";
        } catch (SQLException notOwner) {
            connection.rollback(savepoint);
            return null;
        }
    }

    /**
     * The sequences that feed a column: its own (serial, identity), a partitioned parent's identity
     * (a partition does not own it), and one named in a {@code nextval('...')} default.
     */
    private List<String> sequencesOf(Connection connection, String qualified, ColumnSchema column) throws SQLException {
        List<String> sequences = new ArrayList<>();
        boolean partitions = connection.getMetaData().getDatabaseMajorVersion() >= 12;
        String sql = "SELECT pg_get_serial_sequence(CAST(? AS regclass)::text, ?)" + (partitions
                ? " UNION SELECT pg_get_serial_sequence(a::regclass::text, ?) FROM pg_partition_ancestors(CAST(? AS regclass)) a"
                : "");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
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
        String qualified = qualify(schema, table);
        for (ColumnSchema column : columns) {
            if (column.valueType() != ValueType.INTEGER && column.valueType() != ValueType.DECIMAL) {
                continue;
            }
            for (String sequence : sequencesOf(connection, qualified, column)) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT setval(CAST(? AS regclass),"
                        + " GREATEST(m, pg_sequence_last_value(CAST(? AS regclass))), true) FROM (SELECT CAST(MAX("
                        + quote(column.name()) + ") AS bigint) AS m FROM " + qualified + ") x WHERE m IS NOT NULL")) {
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
        String qualified = qualify(schema, table);
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

    @Override
    public java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missingPrivileges(Connection connection,
            String schema, String table, java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> privileges)
            throws SQLException {
        java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missing = new java.util.TreeSet<>();
        for (io.github.dbbackup.core.spi.RestoreSession.TablePrivilege privilege : privileges) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT has_table_privilege(CAST(? AS regclass), ?)")) {
                ps.setString(1, qualify(schema, table));
                ps.setString(2, privilege.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getBoolean(1)) {
                        missing.add(privilege);
                    }
                }
            }
        }
        return missing;
    }

    /** Dropping and re-adding a foreign key needs ownership of its table (membership in the owning role). */
    @Override
    public List<CycleStrategy> bypassStrategies(Connection connection, String schema, List<String> tables)
            throws SQLException {
        List<CycleStrategy> strategies = new ArrayList<>(bypassStrategies(connection));
        if (strategies.contains(CycleStrategy.DROP_AND_RECREATE) && !strategies.contains(CycleStrategy.REPLICATION_ROLE)) {
            for (String table : tables) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_has_role(c.relowner, 'USAGE') FROM"
                        + " pg_class c WHERE c.oid = CAST(? AS regclass)")) {
                    ps.setString(1, qualify(schema, table));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && !rs.getBoolean(1)) {
                            strategies.remove(CycleStrategy.DROP_AND_RECREATE);
                        }
                    }
                }
            }
        }
        return strategies;
    }

    @Override
    public boolean isRowSecurityActive(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT row_security_active(CAST(? AS regclass))")) {
            ps.setString(1, qualify(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
