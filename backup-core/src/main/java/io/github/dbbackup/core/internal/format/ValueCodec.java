package io.github.dbbackup.core.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Encodes and decodes single values as format v1 specifies (docs/FORMAT.md, "Value encoding").
 * Lossless: every value decodes to one equal to what was encoded.
 */
public final class ValueCodec {

    private ValueCodec() {
    }

    /**
     * Writes one value of {@code column}.
     *
     * @param g the generator
     * @param table the table, for messages
     * @param column the column
     * @param value the value, of the Java type {@link ValueType} documents, or {@code null}
     * @throws IOException when writing fails
     * @throws BackupException when the value's Java type does not fit the column's value type
     */
    public static void write(JsonGenerator g, String table, ColumnSchema column, Object value) throws IOException {
        if (column.valueType() == ValueType.ARRAY) {
            writeArray(g, table, column, value);
        } else {
            writeScalar(g, table, column, column.valueType(), value);
        }
    }

    private static void writeArray(JsonGenerator g, String table, ColumnSchema column, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(table, column, ValueType.ARRAY, value);
        }
        g.writeStartArray();
        for (Object element : list) {
            if (element instanceof List<?>) {
                writeArray(g, table, column, element); // multi-dimensional arrays nest
            } else {
                writeScalar(g, table, column, column.elementType(), element);
            }
        }
        g.writeEndArray();
    }

    private static void writeScalar(JsonGenerator g, String table, ColumnSchema column, ValueType type, Object v)
            throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (type) {
            case BOOLEAN -> {
                if (!(v instanceof Boolean b)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeBoolean(b);
            }
            case INTEGER -> {
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof BigInteger bi) {
                    g.writeNumber(bi);
                } else if (v instanceof BigDecimal bd) {
                    BigInteger exact;
                    try {
                        exact = bd.toBigIntegerExact();
                    } catch (ArithmeticException e) {
                        throw wrongType(table, column, type, v); // a fraction would be silently lost
                    }
                    g.writeNumber(exact);
                } else {
                    throw wrongType(table, column, type, v);
                }
            }
            case DECIMAL -> {
                if (v instanceof BigDecimal bd) {
                    g.writeString(bd.toPlainString());
                } else if (v instanceof String s) {
                    if (!isDecimalText(s)) {
                        // written unchecked, it would only fail when the set is restored
                        throw new BackupException("Column '" + table + "." + column.name() + "' (" + column.typeName()
                                + ") yielded a string that is not a decimal number, \"NaN\", \"Infinity\" or"
                                + " \"-Infinity\"; this is a dialect bug: report it with the column type, or exclude the"
                                + " column from the plan meanwhile");
                    }
                    g.writeString(s);
                } else {
                    throw wrongType(table, column, type, v);
                }
            }
            case FLOAT -> {
                if (v instanceof Double d) {
                    if (Double.isFinite(d)) {
                        g.writeNumber(d);
                    } else {
                        g.writeString(nonFinite(d));
                    }
                } else if (v instanceof Float f) {
                    if (Float.isFinite(f)) {
                        g.writeNumber(f);
                    } else {
                        g.writeString(nonFinite(f.doubleValue()));
                    }
                } else {
                    throw wrongType(table, column, type, v);
                }
            }
            case STRING, JSON, OTHER -> {
                if (!(v instanceof String s)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeString(s);
            }
            case BINARY -> {
                if (!(v instanceof byte[] bytes)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeBinary(bytes);
            }
            case DATE -> {
                if (!(v instanceof LocalDate d)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeString(IsoTimes.format(d));
            }
            case TIME -> {
                if (!(v instanceof LocalTime t)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeString(IsoTimes.format(t));
            }
            case TIMESTAMP -> {
                if (!(v instanceof LocalDateTime t)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeString(IsoTimes.format(t));
            }
            case TIMESTAMP_TZ -> {
                if (!(v instanceof OffsetDateTime t)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeString(IsoTimes.format(t));
            }
            case UUID -> {
                if (!(v instanceof UUID u)) {
                    throw wrongType(table, column, type, v);
                }
                g.writeString(u.toString());
            }
            case ARRAY -> throw wrongType(table, column, type, v);
            default -> throw new IllegalStateException("unhandled value type " + type);
        }
    }

    private static boolean isDecimalText(String s) {
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
            return true;
        }
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String nonFinite(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        return d > 0 ? "Infinity" : "-Infinity";
    }

    private static BackupException wrongType(String table, ColumnSchema column, ValueType type, Object v) {
        return new BackupException("Column '" + table + "." + column.name() + "' (" + column.typeName()
                + ") yielded a " + v.getClass().getName() + " where value type " + type
                + " expects another Java type; this is a dialect bug: report it with the column type,"
                + " or exclude the column from the plan meanwhile");
    }

    /**
     * Reads one value of {@code column} at the parser's current token.
     *
     * @param p the parser, positioned on the value
     * @param column the column
     * @return the decoded value, of the Java type {@link ValueType} documents, or {@code null}
     * @throws IOException when the JSON is malformed
     * @throws IllegalArgumentException with a short reason when the value does not fit the column
     */
    public static Object read(JsonParser p, ColumnSchema column) throws IOException {
        if (column.valueType() == ValueType.ARRAY) {
            return readArray(p, column);
        }
        return readScalar(p, column.valueType());
    }

    private static Object readArray(JsonParser p, ColumnSchema column) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("expected an array but found " + describe(t));
        }
        List<Object> list = new ArrayList<>();
        while (true) {
            JsonToken n = p.nextToken();
            if (n == JsonToken.END_ARRAY) {
                return list;
            }
            if (n == null) {
                throw new IOException("unexpected end of input inside an array");
            }
            list.add(n == JsonToken.START_ARRAY ? readArray(p, column) : readScalar(p, column.elementType()));
        }
    }

    private static Object readScalar(JsonParser p, ValueType type) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        try {
            switch (type) {
                case BOOLEAN:
                    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                        return t == JsonToken.VALUE_TRUE;
                    }
                    break;
                case INTEGER:
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        return switch (p.getNumberType()) {
                            case INT, LONG -> p.getLongValue();
                            default -> p.getBigIntegerValue();
                        };
                    }
                    break;
                case DECIMAL:
                    if (t == JsonToken.VALUE_STRING) {
                        String s = p.getText();
                        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
                            return s;
                        }
                        return new BigDecimal(s);
                    }
                    break;
                case FLOAT:
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        return p.getDoubleValue();
                    }
                    if (t == JsonToken.VALUE_STRING) {
                        return switch (p.getText()) {
                            case "NaN" -> Double.NaN;
                            case "Infinity" -> Double.POSITIVE_INFINITY;
                            case "-Infinity" -> Double.NEGATIVE_INFINITY;
                            default -> throw new IllegalArgumentException("expected a number, \"NaN\", \"Infinity\""
                                    + " or \"-Infinity\" but found another string");
                        };
                    }
                    break;
                case STRING:
                case JSON:
                case OTHER:
                    if (t == JsonToken.VALUE_STRING) {
                        return p.getText();
                    }
                    break;
                case BINARY:
                    if (t == JsonToken.VALUE_STRING) {
                        try {
                            return p.getBinaryValue();
                        } catch (JsonEOFException e) {
                            throw e; // truncated input, not a bad value
                        } catch (StreamReadException e) {
                            // Jackson's message quotes the offending character: keep row data out
                            throw new IllegalArgumentException("a BINARY value is not valid base64");
                        }
                    }
                    break;
                case DATE:
                    if (t == JsonToken.VALUE_STRING) {
                        return IsoTimes.date(p.getText());
                    }
                    break;
                case TIME:
                    if (t == JsonToken.VALUE_STRING) {
                        return IsoTimes.time(p.getText());
                    }
                    break;
                case TIMESTAMP:
                    if (t == JsonToken.VALUE_STRING) {
                        return IsoTimes.dateTime(p.getText());
                    }
                    break;
                case TIMESTAMP_TZ:
                    if (t == JsonToken.VALUE_STRING) {
                        return IsoTimes.offsetDateTime(p.getText());
                    }
                    break;
                case UUID:
                    if (t == JsonToken.VALUE_STRING) {
                        try {
                            return UUID.fromString(p.getText());
                        } catch (IllegalArgumentException e) {
                            // UUID.fromString quotes the input: keep row data out of the message
                            throw new IllegalArgumentException("a UUID value does not parse as format v1 specifies");
                        }
                    }
                    break;
                default:
                    break;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // the value itself stays out of the message: messages never carry row data
            throw new IllegalArgumentException("a " + type + " value does not parse as format v1 specifies");
        }
        throw new IllegalArgumentException("expected a " + type + " value but found " + describe(t));
    }

    private static String describe(JsonToken t) {
        return t == null ? "the end of input" : switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.name();
        };
    }

}
