package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL's own text forms, read and written without a driver or {@code java.sql} date types
 * in between (those go through the JVM zone and the hybrid Julian calendar).
 *
 * <p>Reading: array literals as {@code array_out} prints them ({@code {…}} nested, elements quoted
 * when needed, unquoted {@code NULL}) and the element text forms PostgreSQL prints with
 * {@code DateStyle = ISO}, {@code TimeZone = UTC} and {@code bytea_output = hex}: years beyond 9999,
 * the {@code BC} suffix, {@code infinity}/{@code -infinity}, {@code 24:00:00}, microseconds, offsets
 * such as {@code +00} or {@code +05:30}. The special values map as FORMAT.md §6.8 says for scalars
 * (infinity to the extreme {@code java.time} values, {@code 24:00:00} to {@code LocalTime.MAX}).
 *
 * <p>Writing: the inverse, text that PostgreSQL's input functions read whatever the session's
 * {@code DateStyle}: {@code 0044-03-15 BC}, {@code 12026-01-01}, {@code infinity}, {@code 24:00:00}.
 * Stateless.
 */
final class PostgreSqlText {

    /** FORMAT.md §6.8: {@code timestamptz 'infinity'} and {@code '-infinity'}. */
    private static final OffsetDateTime TZ_INFINITY = OffsetDateTime.MAX;
    private static final OffsetDateTime TZ_MINUS_INFINITY = OffsetDateTime.MIN;

    private PostgreSqlText() {
    }

    // ---- reading -----------------------------------------------------------------------------

    /**
     * Parses an array literal (of a {@code ::text[]} value, so the delimiter is always a comma)
     * into nested lists of elements converted to {@code type}.
     *
     * @param literal the literal, e.g. {@code {"a b",NULL}} or {@code {{1,2},{3,4}}}
     * @param type the element value type
     * @param float4 whether {@code FLOAT} elements are 32-bit
     * @return the list
     * @throws SQLException when the array has lower bounds other than 1, which format 1 cannot record
     */
    static List<Object> array(String literal, ValueType type, boolean float4) throws SQLException {
        if (literal.startsWith("[")) {
            // array_out prefixes "[lower:upper]=" only when a lower bound is not 1. Never quote the value.
            throw new SQLFeatureNotSupportedException("the column holds an array whose lower bound is not 1"
                    + " (PostgreSQL prints it with a [lower:upper]= prefix), and backup format 1 records only the"
                    + " elements, so a restore would renumber its subscripts. Re-base such arrays to 1 (one"
                    + " dimension: UPDATE the table SET col = col[array_lower(col, 1):array_upper(col, 1)]"
                    + " WHERE array_lower(col, 1) <> 1) or exclude the column from the plan", "0A000");
        }
        int[] at = {0};
        List<Object> list = list(literal, at, type, float4);
        if (at[0] != literal.length()) {
            throw new SQLException("unexpected text after the array literal at offset " + at[0], "22P02");
        }
        return list;
    }

    private static List<Object> list(String s, int[] at, ValueType type, boolean float4) throws SQLException {
        int i = at[0];
        if (i >= s.length() || s.charAt(i) != '{') {
            throw malformed(i);
        }
        i++;
        List<Object> out = new ArrayList<>();
        if (i < s.length() && s.charAt(i) == '}') {
            at[0] = i + 1;
            return out;
        }
        while (true) {
            if (i >= s.length()) {
                throw malformed(i);
            }
            char c = s.charAt(i);
            if (c == '{') {
                at[0] = i;
                out.add(list(s, at, type, float4));
                i = at[0];
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw malformed(i);
                    }
                    c = s.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= s.length()) {
                            throw malformed(i);
                        }
                        c = s.charAt(i++);
                    }
                    sb.append(c);
                }
                out.add(element(sb.toString(), type, float4));
            } else {
                int start = i;
                while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '}') {
                    i++;
                }
                String raw = s.substring(start, i);
                out.add(raw.equals("NULL") ? null : element(raw, type, float4));
            }
            if (i >= s.length()) {
                throw malformed(i);
            }
            c = s.charAt(i++);
            if (c == '}') {
                at[0] = i;
                return out;
            }
            if (c != ',') {
                throw malformed(i - 1);
            }
        }
    }

    private static SQLException malformed(int offset) {
        return new SQLException("malformed array literal at offset " + offset, "22P02");
    }

    /**
     * Converts one element's text form (as {@code ::text} prints it) to the Java type of {@code type}.
     *
     * @param text the text
     * @param type the element value type
     * @param float4 whether a {@code FLOAT} element is 32-bit
     * @return the value
     */
    static Object element(String text, ValueType type, boolean float4) {
        return switch (type) {
            case INTEGER -> Long.parseLong(text);
            case DECIMAL, STRING, JSON, OTHER -> text; // DECIMAL: the exact digits, NaN and ±Infinity as they are
            case FLOAT -> float4 ? (Object) Float.parseFloat(text) : (Object) Double.parseDouble(text);
            case BOOLEAN -> switch (text) {
                case "true", "t" -> Boolean.TRUE;
                case "false", "f" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a PostgreSQL boolean");
            };
            case BINARY -> {
                if (!text.startsWith("\\x")) {
                    throw new IllegalArgumentException("bytea not in hex form (bytea_output)");
                }
                yield HexFormat.of().parseHex(text, 2, text.length());
            }
            case DATE -> date(text);
            case TIME -> time(text);
            case TIMESTAMP -> timestamp(text);
            case TIMESTAMP_TZ -> timestamptz(text);
            case UUID -> UUID.fromString(text);
            case ARRAY -> throw new IllegalArgumentException("arrays do not nest as elements");
        };
    }

    /** {@code date} output: {@code [y]yyyy-MM-dd[ BC]}, {@code infinity}, {@code -infinity}. */
    static LocalDate date(String s) {
        switch (s) {
            case "infinity":
                return LocalDate.MAX;
            case "-infinity":
                return LocalDate.MIN;
            default:
                break;
        }
        boolean bc = s.endsWith(" BC");
        int end = bc ? s.length() - 3 : s.length();
        return datePart(s, 0, end, bc);
    }

    private static LocalDate datePart(String s, int from, int end, boolean bc) {
        int dash = s.indexOf('-', from);
        if (dash < 0 || end - dash != 6 || s.charAt(dash + 3) != '-') {
            throw new IllegalArgumentException("not a PostgreSQL ISO date");
        }
        int year = Integer.parseInt(s, from, dash, 10);
        int month = Integer.parseInt(s, dash + 1, dash + 3, 10);
        int day = Integer.parseInt(s, dash + 4, end, 10);
        return LocalDate.of(bc ? 1 - year : year, month, day);
    }

    /** {@code time} output: {@code HH:mm:ss[.ffffff]}; {@code 24:00:00} is {@code LocalTime.MAX}. */
    static LocalTime time(String s) {
        return timePart(s, 0, s.length());
    }

    private static LocalTime timePart(String s, int from, int end) {
        if (end - from < 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
            throw new IllegalArgumentException("not a PostgreSQL time");
        }
        int hour = Integer.parseInt(s, from, from + 2, 10);
        int minute = Integer.parseInt(s, from + 3, from + 5, 10);
        int second = Integer.parseInt(s, from + 6, from + 8, 10);
        int nano = 0;
        if (end > from + 8) {
            if (s.charAt(from + 8) != '.' || end - from - 9 > 9 || end - from - 9 < 1) {
                throw new IllegalArgumentException("not a PostgreSQL time");
            }
            int digits = end - from - 9;
            nano = Integer.parseInt(s, from + 9, end, 10);
            for (int k = digits; k < 9; k++) {
                nano *= 10;
            }
        }
        if (hour == 24 && minute == 0 && second == 0 && nano == 0) {
            return LocalTime.MAX; // FORMAT.md §6.8
        }
        return LocalTime.of(hour, minute, second, nano);
    }

    /** {@code timestamp} output: {@code [y]yyyy-MM-dd HH:mm:ss[.ffffff][ BC]}, {@code ±infinity}. */
    static LocalDateTime timestamp(String s) {
        switch (s) {
            case "infinity":
                return LocalDateTime.MAX;
            case "-infinity":
                return LocalDateTime.MIN;
            default:
                break;
        }
        boolean bc = s.endsWith(" BC");
        int end = bc ? s.length() - 3 : s.length();
        int space = s.indexOf(' ');
        if (space < 0 || space >= end) {
            throw new IllegalArgumentException("not a PostgreSQL ISO timestamp");
        }
        LocalTime time = timePart(s, space + 1, end);
        if (time == LocalTime.MAX) {
            throw new IllegalArgumentException("24:00:00 in a timestamp");
        }
        return LocalDateTime.of(datePart(s, 0, space, bc), time);
    }

    /** {@code timestamptz} output: a timestamp, then {@code ±HH[:MM[:SS]]} before any {@code BC}; {@code ±infinity}. */
    static OffsetDateTime timestamptz(String s) {
        switch (s) {
            case "infinity":
                return TZ_INFINITY;
            case "-infinity":
                return TZ_MINUS_INFINITY;
            default:
                break;
        }
        boolean bc = s.endsWith(" BC");
        int end = bc ? s.length() - 3 : s.length();
        int space = s.indexOf(' ');
        if (space < 0 || space >= end) {
            throw new IllegalArgumentException("not a PostgreSQL ISO timestamptz");
        }
        int sign = space + 9;
        while (sign < end && s.charAt(sign) != '+' && s.charAt(sign) != '-') {
            sign++;
        }
        if (sign >= end) {
            throw new IllegalArgumentException("timestamptz without offset");
        }
        LocalTime time = timePart(s, space + 1, sign);
        if (time == LocalTime.MAX) {
            throw new IllegalArgumentException("24:00:00 in a timestamptz");
        }
        int length = end - sign - 1;
        if (length != 2 && length != 5 && length != 8) {
            throw new IllegalArgumentException("not a PostgreSQL offset");
        }
        int hours = Integer.parseInt(s, sign + 1, sign + 3, 10);
        int minutes = length >= 5 ? Integer.parseInt(s, sign + 4, sign + 6, 10) : 0;
        int seconds = length == 8 ? Integer.parseInt(s, sign + 7, sign + 9, 10) : 0;
        ZoneOffset offset = s.charAt(sign) == '-' ? ZoneOffset.ofHoursMinutesSeconds(-hours, -minutes, -seconds)
                : ZoneOffset.ofHoursMinutesSeconds(hours, minutes, seconds);
        return OffsetDateTime.of(LocalDateTime.of(datePart(s, 0, space, bc), time), offset);
    }

    // ---- writing -----------------------------------------------------------------------------

    /**
     * Returns the text PostgreSQL's input function reads as {@code value}: dates and times in the
     * forms above, any other value as {@code toString()} (BigDecimal plain, bytes as {@code \x} hex).
     *
     * @param value a decoded value, not null
     * @return the text
     */
    static String input(Object value) {
        if (value instanceof LocalDate d) {
            return format(d);
        } else if (value instanceof LocalDateTime t) {
            return format(t);
        } else if (value instanceof OffsetDateTime t) {
            return format(t);
        } else if (value instanceof LocalTime t) {
            return format(t);
        } else if (value instanceof java.math.BigDecimal bd) {
            return bd.toPlainString();
        } else if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    /**
     * Writes the array literal of a value of {@code column}: every element in its {@link #input}
     * form, quoted and escaped, with the delimiter of the column's element type ({@code ;} for
     * {@code box}, the only built-in type whose delimiter is not a comma).
     *
     * @param list the elements, nested lists for more dimensions
     * @param column the array column, or null for a comma
     * @return the literal
     */
    static String arrayLiteral(List<?> list, ColumnSchema column) {
        return arrayLiteral(list, column != null && "_box".equalsIgnoreCase(column.typeName()) ? ';' : ',');
    }

    /**
     * Writes an array literal ({@code {"a","b",NULL}}) with {@code delimiter} between elements.
     *
     * @param list the elements, nested lists for more dimensions
     * @param delimiter the element delimiter
     * @return the literal
     */
    static String arrayLiteral(List<?> list, char delimiter) {
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
                String text = input(element);
                sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    static String format(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(14);
        appendDate(sb, d);
        return bc(sb, d.getYear());
    }

    static String format(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return "infinity";
        }
        if (t.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, t.toLocalDate());
        appendTime(sb.append(' '), t.toLocalTime());
        return bc(sb, t.getYear());
    }

    static String format(OffsetDateTime t) {
        if (t.equals(TZ_INFINITY)) {
            return "infinity";
        }
        if (t.equals(TZ_MINUS_INFINITY)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(40);
        appendDate(sb, t.toLocalDate());
        appendTime(sb.append(' '), t.toLocalTime());
        int offset = t.getOffset().getTotalSeconds();
        sb.append(offset < 0 ? '-' : '+');
        offset = Math.abs(offset);
        two(sb, offset / 3600);
        two(sb.append(':'), offset / 60 % 60);
        if (offset % 60 != 0) {
            two(sb.append(':'), offset % 60);
        }
        return bc(sb, t.getYear());
    }

    static String format(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            return "24:00:00"; // FORMAT.md §6.8
        }
        StringBuilder sb = new StringBuilder(18);
        appendTime(sb, t);
        return sb.toString();
    }

    /** The year as PostgreSQL counts (1 BC is ISO year 0), at least four digits, then month and day. */
    private static void appendDate(StringBuilder sb, LocalDate d) {
        int year = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        String digits = Integer.toString(year);
        for (int i = digits.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(digits).append('-');
        two(sb, d.getMonthValue());
        two(sb.append('-'), d.getDayOfMonth());
    }

    /** {@code HH:mm:ss} and, unless zero, the fraction without trailing zeros (PostgreSQL rounds to µs). */
    private static void appendTime(StringBuilder sb, LocalTime t) {
        two(sb, t.getHour());
        two(sb.append(':'), t.getMinute());
        two(sb.append(':'), t.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            String fraction = Integer.toString(nano);
            sb.append('.');
            for (int i = fraction.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(fraction);
        }
    }

    private static String bc(StringBuilder sb, int isoYear) {
        return (isoYear <= 0 ? sb.append(" BC") : sb).toString();
    }

    private static void two(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
