package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
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
 * {@code money}, {@code timetz} and other types read as their text form; arrays read from their text
 * form and parsed here (no {@code java.sql} date types, no JVM zone); the settings that change text
 * forms pinned in the snapshot and restore transactions; restore writes PostgreSQL's own input text
 * (decision 0008).
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

    /**
     * The settings that change how PostgreSQL prints or reads values, pinned for the transaction
     * (as {@code pg_dump} does), so that neither the source's nor the target's defaults
     * ({@code ALTER DATABASE … SET}, {@code ALTER ROLE … SET}, {@code postgresql.conf}) change a
     * value's text: {@code IntervalStyle} ({@code sql_standard} prints {@code -3 days -04:00:00} as
     * {@code -3 4:00:00}, which reads back 8 hours off under {@code postgres}), {@code DateStyle},
     * {@code TimeZone} (the offset {@code timestamptz} text carries), {@code extra_float_digits}
     * (fewer digits lose float precision), {@code bytea_output}. {@code SET LOCAL}: a pooled
     * connection goes back to the host as it came.
     */
    private static final List<String> PINNED_SETTINGS = List.of("SET LOCAL DateStyle = ISO",
            "SET LOCAL IntervalStyle = postgres", "SET LOCAL TimeZone = 'UTC'", "SET LOCAL extra_float_digits = 3",
            "SET LOCAL bytea_output = hex");

    /** Also read on restore: {@code xml} values that are content, not documents, load whatever the target's default. */
    private static final String RESTORE_XMLOPTION = "SET LOCAL xmloption = content";

    /**
     * Starts the snapshot, pins the settings above and turns {@code row_security} off for the
     * transaction: PostgreSQL then raises an error instead of silently filtering the rows of a table
     * whose row-level security applies to this role, as {@code pg_dump} does — a backup never exports
     * a filtered view of a table.
     */
    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        startSnapshot(connection);
        pinSettings(connection);
        refuseRowSecurity(connection);
    }

    private static void startSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    private static void refuseRowSecurity(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL row_security = off");
        }
    }

    private static void pinSettings(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String setting : PINNED_SETTINGS) {
                s.execute(setting);
            }
        }
    }

    /** Pins the settings of {@link #beginSnapshot} (and {@code xmloption}) for the restore's transaction. */
    @Override
    public void beginRestore(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        pinSettings(connection);
        try (Statement s = connection.createStatement()) {
            s.execute(RESTORE_XMLOPTION);
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
        startSnapshot(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
        }
        pinSettings(connection);
        refuseRowSecurity(connection); // every connection of a parallel export, not only the first
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

    /**
     * Text forms: exact digits (and NaN/±Infinity) for {@code numeric}; the canonical literal for
     * {@code OTHER}; and every array as the text of its elements' text forms ({@code ::text[]::text}),
     * parsed here rather than by the driver: that keeps BC and pre-Gregorian dates, years past 9999,
     * infinity, {@code 24:00:00} and microseconds of temporal elements (which {@code java.sql} types
     * lose or shift by the JVM zone), NaN/±Infinity of {@code numeric} elements, and shows the array's
     * lower bounds, which format 1 cannot record (refused by {@link #readValue}).
     */
    @Override
    public String selectExpression(ColumnSchema column) {
        return switch (column.valueType()) {
            case OTHER, DECIMAL -> quote(column.name()) + "::text";
            case ARRAY -> quote(column.name()) + "::text[]::text";
            default -> quote(column.name());
        };
    }

    /**
     * Reads {@code numeric} as its text; arrays from their text form (see {@link #selectExpression}).
     *
     * @throws java.sql.SQLFeatureNotSupportedException (SQLState 0A000) for an array whose lower bound
     *     is not 1, which format 1 cannot record
     */
    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.DECIMAL) {
            return rs.getString(index);
        }
        if (column.valueType() == ValueType.ARRAY) {
            String literal = rs.getString(index);
            return literal == null ? null : PostgreSqlText.array(literal, column.elementType(),
                    "_float4".equalsIgnoreCase(column.typeName()));
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

    /**
     * Binds a value; one restored through a cast ({@link #valueExpression}) is sent as text of
     * unspecified type, so that PostgreSQL reads it with the type's input function, as COPY does, and
     * not through a cast from {@code text}: {@code text::regclass} rejects {@code -} (oid 0), which
     * {@code regclass}'s input function reads.
     */
    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value instanceof String text && "?".equals(valueExpression) && isDateOrTime(column.valueType())) {
            // A date or time another database backed up as its text form (MariaDB records them as OTHER):
            // sent untyped, so the server parses it as the column's type instead of refusing a varchar.
            ps.setObject(index, text, Types.OTHER);
        } else if (value == null || "?".equals(valueExpression)) {
            super.bind(ps, index, column, value, valueExpression);
        } else {
            ps.setObject(index, value instanceof List<?> list ? arrayLiteral(list, column) : PostgreSqlText.input(value),
                    Types.OTHER);
        }
    }

    private static boolean isDateOrTime(ValueType type) {
        return type == ValueType.DATE || type == ValueType.TIME || type == ValueType.TIMESTAMP
                || type == ValueType.TIMESTAMP_TZ;
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
        return arrayLiteral(list, ',');
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
        return arrayLiteral(list, column != null && "_box".equalsIgnoreCase(column.typeName()) ? ';' : ',');
    }

    private static String arrayLiteral(List<?> list, char delimiter) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (i > 0) {
                sb.append(delimiter);
            }
            if (element == null) {
                sb.append("NULL");
            } else if (element instanceof List<?> nested) {
                sb.append(arrayLiteral(nested, delimiter));
            } else {
                String text = PostgreSqlText.input(element);
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
