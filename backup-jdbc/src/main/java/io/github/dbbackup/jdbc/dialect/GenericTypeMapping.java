package io.github.dbbackup.jdbc.dialect;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.spi.TypeMapping;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The ANSI/JDBC type mapping: value types from {@link Types} codes, values read through JDBC 4.2
 * {@code java.time} accessors, arrays read from their result sets, values bound by their Java type.
 * The base of every built-in dialect's type mapping; its protected helpers are there to be reused.
 *
 * @since 0.2
 */
public class GenericTypeMapping implements TypeMapping {

    /** Creates the generic type mapping. */
    public GenericTypeMapping() {
    }

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        switch (jdbcType) {
            case Types.BOOLEAN:
                return ValueType.BOOLEAN;
            case Types.BIT:
                return size > 1 ? ValueType.BINARY : ValueType.BOOLEAN;
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                return ValueType.INTEGER;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return ValueType.DECIMAL;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return ValueType.FLOAT;
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return ValueType.STRING;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return ValueType.BINARY;
            case Types.DATE:
                return ValueType.DATE;
            case Types.TIME:
                return ValueType.TIME;
            case Types.TIMESTAMP:
                return ValueType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return ValueType.TIMESTAMP_TZ;
            case Types.ARRAY:
                return ValueType.ARRAY;
            default:
                return ValueType.OTHER;
        }
    }

    @Override
    public ValueType arrayElementType(String arrayTypeName) {
        return ValueType.OTHER;
    }

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        return switch (column.valueType()) {
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : b;
            }
            case INTEGER -> readInteger(rs, index, column);
            case DECIMAL -> rs.getBigDecimal(index);
            case FLOAT -> {
                if (column.jdbcType() == Types.REAL) {
                    float f = rs.getFloat(index);
                    yield rs.wasNull() ? null : f;
                }
                double d = rs.getDouble(index);
                yield rs.wasNull() ? null : d;
            }
            case STRING, JSON, OTHER -> rs.getString(index);
            case BINARY -> rs.getBytes(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMP_TZ -> rs.getObject(index, OffsetDateTime.class);
            case UUID -> toUuid(rs.getObject(index));
            case ARRAY -> readArray(rs.getArray(index), column);
        };
    }

    /**
     * Reads an integer column: {@code Long}, or {@code BigInteger} for unsigned 64-bit columns.
     *
     * @param rs the result set
     * @param index the column index
     * @param column the column
     * @return the value or {@code null}
     * @throws SQLException when the driver fails
     */
    protected Object readInteger(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.typeName().toUpperCase(Locale.ROOT).contains("UNSIGNED") && column.jdbcType() == Types.BIGINT) {
            BigDecimal value = rs.getBigDecimal(index);
            return value == null ? null : value.toBigIntegerExact();
        }
        long l = rs.getLong(index);
        return rs.wasNull() ? null : l;
    }

    /**
     * Converts what a driver returns for a UUID column.
     *
     * @param value a {@code UUID}, its string form, 16 bytes, or {@code null}
     * @return the UUID or {@code null}
     */
    protected static UUID toUuid(Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        if (value instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(value.toString().trim());
    }

    /**
     * Reads an SQL array into a {@code List} of element values of the column's element type;
     * multi-dimensional arrays become nested lists. The elements are read from the array's result
     * set ({@link Array#getResultSet()}) with {@link #readElement}, that is with the same JDBC 4.2
     * {@code java.time} accessors as scalar values: {@code Array.getArray()} hands out
     * {@code java.sql.Date}/{@code Time}/{@code Timestamp}, which shift dates before the Gregorian
     * cutover and local times in a DST gap of the JVM's zone, and drop fractions. Drivers whose
     * arrays have no result set fall back to {@code getArray()} and {@link #convertElement}.
     *
     * @param array the array or {@code null}
     * @param column the column
     * @return the list or {@code null}
     * @throws SQLException when the driver fails
     */
    protected Object readArray(Array array, ColumnSchema column) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            ResultSet elements;
            try {
                elements = array.getResultSet();
            } catch (SQLFeatureNotSupportedException e) {
                return toList((Object[]) array.getArray(), column.elementType());
            }
            try (elements) {
                boolean nested = elements.getMetaData().getColumnType(2) == Types.ARRAY;
                List<Object> list = new ArrayList<>();
                while (elements.next()) {
                    list.add(nested ? readArray(elements.getArray(2), column) : readElement(elements, 2, column));
                }
                return list;
            }
        } finally {
            array.free();
        }
    }

    /**
     * Reads one array element, of the column's element type, from an array's result set.
     *
     * @param rs the array's result set ({@link Array#getResultSet()}), on the element's row
     * @param index the index of the element's column (2)
     * @param column the array column
     * @return the element value, of the Java type its {@link ValueType} documents, or {@code null}
     * @throws SQLException when the driver fails
     * @since 0.2
     */
    protected Object readElement(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        ValueType type = column.elementType();
        return switch (type) {
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : b;
            }
            case DECIMAL -> rs.getBigDecimal(index);
            case STRING, JSON, OTHER -> rs.getString(index);
            case BINARY -> rs.getBytes(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMP_TZ -> rs.getObject(index, OffsetDateTime.class);
            default -> convertElement(rs.getObject(index), type); // numbers and UUIDs have no calendar to lose
        };
    }

    private List<Object> toList(Object[] elements, ValueType type) {
        List<Object> list = new ArrayList<>(elements.length);
        for (Object element : elements) {
            list.add(element instanceof Object[] nested ? toList(nested, type) : convertElement(element, type));
        }
        return list;
    }

    /**
     * Converts one array element as the driver returned it to the Java type of {@code type}. Used by
     * {@link #readElement} for numbers and UUIDs, and for every element by drivers whose
     * arrays have no result set ({@code Array.getArray()}; its {@code java.sql} date/time elements
     * carry the hybrid Julian calendar and the JVM zone, see {@link #readArray}).
     *
     * @param element the element or {@code null}
     * @param type the element value type
     * @return the converted element
     */
    protected Object convertElement(Object element, ValueType type) {
        if (element == null) {
            return null;
        }
        return switch (type) {
            case INTEGER -> element instanceof BigDecimal bd ? bd.toBigIntegerExact()
                    : element instanceof java.math.BigInteger ? element : ((Number) element).longValue();
            case DECIMAL -> element instanceof BigDecimal ? element : element.toString();
            case FLOAT -> element instanceof Float ? element : ((Number) element).doubleValue();
            case BOOLEAN -> element instanceof Boolean ? element : Boolean.valueOf(element.toString());
            case DATE -> element instanceof java.sql.Date d ? d.toLocalDate() : element;
            case TIME -> element instanceof java.sql.Time t ? t.toLocalTime() : element;
            case TIMESTAMP -> element instanceof Timestamp t ? t.toLocalDateTime() : element;
            case TIMESTAMP_TZ -> element instanceof Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC) : element;
            case UUID -> toUuid(element);
            case BINARY -> element;
            default -> element.toString();
        };
    }

    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, nullType(column));
            return;
        }
        if (!"?".equals(valueExpression)) {
            ps.setString(index, textForm(value)); // the expression casts the text form to the column type
            return;
        }
        if (value instanceof Boolean b) {
            if (column.valueType() == ValueType.INTEGER) {
                ps.setInt(index, b ? 1 : 0);
            } else {
                ps.setBoolean(index, b);
            }
        } else if (value instanceof Long l) {
            if (column.valueType() == ValueType.BOOLEAN) {
                ps.setBoolean(index, l != 0);
            } else {
                ps.setLong(index, l);
            }
        } else if (value instanceof java.math.BigInteger bi) {
            ps.setBigDecimal(index, new BigDecimal(bi));
        } else if (value instanceof BigDecimal bd) {
            ps.setBigDecimal(index, bd);
        } else if (value instanceof Double d && column.jdbcType() == Types.REAL) {
            ps.setFloat(index, toFloat(d));
        } else if (value instanceof Double d) {
            ps.setDouble(index, d);
        } else if (value instanceof Float f) {
            ps.setFloat(index, f);
        } else if (value instanceof String str) {
            ps.setString(index, str);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (value instanceof List<?> list) {
            bindArray(ps, index, column, list);
        } else {
            ps.setObject(index, value); // java.time values and UUIDs: JDBC 4.2 drivers take them as they are
        }
    }

    /**
     * Binds an array value; by default as a JDBC array of the element type.
     *
     * @param ps the statement
     * @param index the parameter index
     * @param column the target column
     * @param list the elements (nested lists for multi-dimensional arrays)
     * @throws SQLException when the driver refuses
     */
    protected void bindArray(PreparedStatement ps, int index, ColumnSchema column, List<?> list) throws SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf(arrayElementTypeName(column), toArray(list)));
    }

    /**
     * Returns the type name {@code Connection.createArrayOf} expects for the column's elements.
     *
     * @param column an array column
     * @return the element type name
     */
    protected String arrayElementTypeName(ColumnSchema column) {
        return column.typeName().replaceFirst("(?i) ARRAY$", "").replaceAll("\\(.*?\\)", "").trim();
    }

    /**
     * Converts nested lists to nested arrays.
     *
     * @param list the list
     * @return the array
     */
    protected static Object[] toArray(List<?> list) {
        Object[] array = new Object[list.size()];
        for (int i = 0; i < array.length; i++) {
            Object element = list.get(i);
            array[i] = element instanceof List<?> nested ? toArray(nested) : element;
        }
        return array;
    }

    /**
     * Returns the JDBC type used to bind SQL NULL into {@code column}.
     *
     * @param column the column
     * @return a {@link Types} code
     */
    protected int nullType(ColumnSchema column) {
        return switch (column.valueType()) {
            case ARRAY -> Types.ARRAY;
            case OTHER, JSON -> Types.VARCHAR;
            default -> column.jdbcType();
        };
    }

    /**
     * Returns the binary32 value a 32-bit column ({@code real}, {@code FLOAT}) held. The set holds
     * the decimal {@code Float.toString} wrote and the reader returns the nearest double; rounding
     * that double to float again changes two values ({@code ±7.038531E-26}, FORMAT.md §6.5).
     * {@code Double.toString} gives the written decimal back, and parsing that as a float, as §6.5
     * recommends, gives the original.
     *
     * @param d the decoded value
     * @return the float the source held
     */
    protected static float toFloat(double d) {
        return Float.parseFloat(Double.toString(d));
    }

    /**
     * Returns the text form of a value, for columns restored through a cast.
     *
     * @param value a decoded value
     * @return its text
     */
    protected static String textForm(Object value) {
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }
}
