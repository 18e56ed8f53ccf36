package io.github.dbbackup.jdbc.dialect.h2;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericTypeMapping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * H2's types: {@code UUID}, {@code JSON}, {@code ENUM}, intervals and typed arrays
 * ({@code INTEGER ARRAY}) mapped from their type names; {@code DECFLOAT} with its NaN and infinities;
 * arrays bound as the nested {@code Object[]} H2 converts correctly.
 */
final class H2TypeMapping extends GenericTypeMapping {

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
     * floats as {@link GenericTypeMapping#toFloat} says.
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
}
