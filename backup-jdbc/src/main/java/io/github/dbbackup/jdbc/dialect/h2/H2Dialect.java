package io.github.dbbackup.jdbc.dialect.h2;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2 2.x: snapshot at {@code REPEATABLE READ} (MVStore keeps a consistent view per transaction);
 * {@code UUID}, {@code JSON}, {@code ENUM}, intervals and typed arrays ({@code INTEGER ARRAY}) mapped
 * from their type names.
 *
 * @since 0.1
 */
public class H2Dialect extends GenericDialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        return product.name().equalsIgnoreCase("H2");
    }

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        String type = typeName.toUpperCase(Locale.ROOT);
        if (type.endsWith(" ARRAY")) {
            return ValueType.ARRAY;
        }
        return switch (type) {
            case "UUID" -> ValueType.UUID;
            case "JSON" -> ValueType.JSON;
            case "TIMESTAMP WITH TIME ZONE" -> ValueType.TIMESTAMP_TZ;
            case "TIME WITH TIME ZONE", "GEOMETRY" -> ValueType.OTHER;
            case "JAVA_OBJECT" -> ValueType.BINARY; // its serialized bytes: H2 has no text form for it
            default -> type.startsWith("INTERVAL") || type.startsWith("ENUM") ? ValueType.OTHER : super.valueType(jdbcType, typeName, size);
        };
    }

    @Override
    public ValueType arrayElementType(String arrayTypeName) {
        String element = innermostElement(arrayTypeName).replaceAll("\\(.*?\\)", "").trim();
        ValueType type = switch (element) {
            case "BOOLEAN" -> ValueType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> ValueType.INTEGER;
            case "NUMERIC", "DECIMAL", "DECFLOAT" -> ValueType.DECIMAL;
            case "REAL", "DOUBLE PRECISION", "FLOAT" -> ValueType.FLOAT;
            case "CHARACTER VARYING", "VARCHAR", "CHARACTER", "CHAR", "VARCHAR_IGNORECASE", "CHARACTER LARGE OBJECT" ->
                    ValueType.STRING;
            case "BINARY VARYING", "VARBINARY", "BINARY", "BINARY LARGE OBJECT", "JAVA_OBJECT" -> ValueType.BINARY;
            case "DATE" -> ValueType.DATE;
            case "TIME" -> ValueType.TIME;
            case "TIMESTAMP" -> ValueType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> ValueType.TIMESTAMP_TZ;
            case "UUID" -> ValueType.UUID;
            case "JSON" -> ValueType.JSON;
            default -> ValueType.OTHER;
        };
        return type;
    }

    /**
     * Refuses, naming table, column and type, the columns whose values no restore could write back:
     * {@code ROW(...)} values (and arrays of them) have a text form but no way back into a column
     * from one bound parameter. Refused before any row is read, so an empty table is refused too
     * and the plan is fixed before a set is written that would fail the night it is restored.
     */
    @Override
    public String selectRows(String schema, String table, List<ColumnSchema> columns, List<String> orderBy,
            String rowFilter) {
        List<String> problems = new ArrayList<>();
        for (ColumnSchema column : columns) {
            if (isRow(column.typeName())) {
                problems.add("Column '" + table + "." + column.name() + "' has type " + column.typeName()
                        + ", which dbbackup cannot restore (an H2 ROW value cannot be written back from its text form);"
                        + " exclude the column from the plan (.table(TableSpec.of(\"" + table + "\").excludeColumns(\""
                        + column.name() + "\"))) or store its fields in columns of their own");
            }
        }
        if (!problems.isEmpty()) {
            throw new BackupConfigurationException("Table '" + table + "' has columns the backup cannot carry", problems);
        }
        return super.selectRows(schema, table, columns, orderBy, rowFilter);
    }

    private static boolean isRow(String typeName) {
        String type = typeName.toUpperCase(Locale.ROOT).trim();
        return type.startsWith("ROW(") || type.startsWith("ROW (");
    }

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.DECIMAL && isDecfloat(column.typeName())) {
            return decfloat(rs.getString(index));
        }
        return super.readValue(rs, index, column);
    }

    @Override
    protected Object readElement(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.elementType() == ValueType.DECIMAL && isDecfloat(column.typeName())) {
            return decfloat(rs.getString(index));
        }
        return super.readElement(rs, index, column);
    }

    private static boolean isDecfloat(String typeName) {
        return typeName.toUpperCase(Locale.ROOT).startsWith("DECFLOAT");
    }

    /** DECFLOAT has NaN and ±Infinity, which {@code getBigDecimal} refuses; format v1 carries them as strings. */
    private static Object decfloat(String text) {
        if (text == null || text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            return text;
        }
        return new BigDecimal(text);
    }

    private static final Pattern NEXT_VALUE = Pattern.compile("(?i)NEXT VALUE FOR (\\S+)");

    @Override
    public String valueExpression(ColumnSchema column, String nativeType) {
        if (column.valueType() == ValueType.JSON) {
            return "? FORMAT JSON";
        }
        return "?";
    }

    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value instanceof List<?> list) {
            ps.setObject(index, h2Array(list, column.elementType(), isReal(innermostElement(column.typeName()))));
        } else if (value instanceof Double d && isReal(column.typeName())) {
            ps.setFloat(index, toFloat(d));
        } else {
            super.bind(ps, index, column, value, valueExpression);
        }
    }

    /**
     * Returns the type of an array's leaves, upper case: {@code "DATE ARRAY ARRAY"} is an array of DATE
     * arrays, {@code "REAL ARRAY[3]"} an array of at most 3 REALs.
     */
    private static String innermostElement(String arrayTypeName) {
        return arrayTypeName.toUpperCase(Locale.ROOT).trim().replaceFirst("( ARRAY(\\[\\d+\\])?)+$", "");
    }

    private static boolean isReal(String typeName) {
        String type = typeName.toUpperCase(Locale.ROOT).trim();
        return type.equals("REAL") || type.equals("FLOAT4");
    }

    /**
     * Converts nested lists to the nested {@code Object[]} H2 binds as an array, with the elements H2
     * would otherwise convert wrongly: JSON text becomes its UTF-8 bytes (H2 turns a bound string
     * into a JSON <em>string</em> value, but parses bytes as JSON text), and the decimal texts
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} become doubles (H2 converts a string
     * element to DECFLOAT through NUMERIC, which has no such values), and REAL elements become
     * floats as {@link GenericDialect#toFloat} says.
     */
    private static Object[] h2Array(List<?> list, ValueType elementType, boolean real) {
        Object[] array = new Object[list.size()];
        for (int i = 0; i < array.length; i++) {
            Object element = list.get(i);
            if (element instanceof List<?> nested) {
                array[i] = h2Array(nested, elementType, real);
            } else if (element instanceof Double d && real) {
                array[i] = toFloat(d);
            } else if (element instanceof String text && elementType == ValueType.JSON) {
                array[i] = text.getBytes(StandardCharsets.UTF_8);
            } else if (element instanceof String text && elementType == ValueType.DECIMAL) {
                array[i] = switch (text) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> new BigDecimal(text);
                };
            } else {
                array[i] = element;
            }
        }
        return array;
    }

    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        if (mode == RestoreMode.UPSERT) {
            return "MERGE INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") KEY ("
                    + String.join(", ", primaryKey) + ") VALUES " + Dialect.valuesRows(values, rows);
        }
        return "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ")"
                + (hasIdentity ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES " + Dialect.valuesRows(values, rows);
    }

    @Override
    public String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0 ? null : ""; // H2 cannot switch triggers off
            }
        }
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
                    + quote(column.name()) + ") FROM " + qualify(schema, table))) {
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
                    ? "ALTER TABLE " + qualify(schema, table) + " ALTER COLUMN " + quote(column.name()) + " RESTART WITH " + (max + 1)
                    : "ALTER SEQUENCE " + sequence + " RESTART WITH " + (max + 1));
            done.add(table + "." + column.name() + ": " + (sequence == null ? "identity" : "sequence " + sequence)
                    + " restarts at " + (max + 1) + " after commit");
        }
        return done;
    }
}
