package io.github.dbbackup.pgcopy;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.dialect.postgresql.PostgreSqlDialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;

/**
 * Rows in COPY text format, encoded straight into one growing byte buffer as UTF-8: every value in
 * the text form its column's input function reads, with {@code \N} for NULL and backslash,
 * newline, carriage return and tab escaped. The bytes are exactly what formatting each value to a
 * {@code String} ({@code toString()}, but a space for the {@code T} of a {@code TIMESTAMP} column's
 * value, and {@link PostgreSqlDialect#inputText} for dates and times outside years 1 to 9999, for
 * {@code infinity}, {@code 24:00:00} and offsets), escaping it and encoding it with
 * {@code String.getBytes(UTF_8)} gives (unpaired surrogates become {@code ?} as there), without a {@code StringBuilder} per row and the copies between it, a
 * {@code String} and the chunk: that text conversion was a third of a COPY restore's client time.
 * Not thread-safe.
 */
final class CopyTextBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'\\', 'N'};
    private static final boolean[] ESCAPE = new boolean[256];
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        ESCAPE['\\'] = true;
        ESCAPE['\n'] = true;
        ESCAPE['\r'] = true;
        ESCAPE['\t'] = true;
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private byte[] bytes;
    private int size;

    CopyTextBuffer(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Returns the buffer; valid up to {@link #size()}. */
    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** Empties the buffer; gives back memory that one huge row took. */
    void clear(int keepCapacity) {
        size = 0;
        if (bytes.length > 4 * keepCapacity) {
            bytes = new byte[keepCapacity];
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void tab() {
        ensure(1);
        bytes[size++] = '\t';
    }

    void newline() {
        ensure(1);
        bytes[size++] = '\n';
    }

    void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /**
     * Appends one value of {@code column} (or of a constant column when {@code column} is null).
     *
     * @param value the value as the restore hands it over, or null
     * @param column the target column, or null for a constant
     */
    void value(Object value, ColumnSchema column) {
        if (value == null) {
            raw(NULL);
        } else if (value instanceof String s) {
            text(s);
        } else if (value instanceof Long l) {
            if (column != null && column.valueType() == ValueType.BOOLEAN) {
                ascii(l != 0 ? 't' : 'f');
            } else {
                number(l);
            }
        } else if (value instanceof LocalDateTime t && t.getYear() >= 1 && t.getYear() <= 9999 && column != null
                && column.valueType() == ValueType.TIMESTAMP) {
            // A space, not ISO's 'T': timestamp_in reads both, the 'T' through a keyword lookup (~14% slower).
            date(t.toLocalDate());
            ascii(' ');
            time(t.toLocalTime());
        } else if (value instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) {
            date(d);
        } else if (value instanceof Temporal) {
            // BC (ISO year 0 and below is "… BC"), years past 9999, infinity, 24:00:00, offsets: PostgreSQL's own forms.
            text(PostgreSqlDialect.inputText(value));
        } else if (value instanceof byte[] b) {
            hex(b);
        } else if (value instanceof Boolean b) {
            boolean asNumber = column != null && column.valueType() == ValueType.INTEGER;
            ascii(asNumber ? (b ? '1' : '0') : (b ? 't' : 'f'));
        } else if (value instanceof BigDecimal bd) {
            text(bd.toPlainString());
        } else if (value instanceof List<?> list) {
            text(PostgreSqlDialect.arrayLiteral(list, column));
        } else {
            text(value.toString()); // doubles (NaN/Infinity too), BigInteger, UUID, …
        }
    }

    private void ascii(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
    }

    /** As {@link Long#toString(long)}: digits counted by comparison, written two at a time. */
    private void number(long l) {
        if (l == Long.MIN_VALUE) {
            text(Long.toString(l));
            return;
        }
        ensure(20);
        if (l < 0) {
            bytes[size++] = '-';
            l = -l;
        }
        int digits = 1;
        while (digits < 19 && l >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int at = size + digits;
        while (l >= 100) {
            long q = l / 100;
            int r = (int) (l - q * 100);
            bytes[--at] = (byte) ('0' + r % 10);
            bytes[--at] = (byte) ('0' + r / 10);
            l = q;
        }
        int r = (int) l;
        bytes[--at] = (byte) ('0' + r % 10);
        if (r >= 10) {
            bytes[--at] = (byte) ('0' + r / 10);
        }
        size += digits;
    }

    /** {@code yyyy-MM-dd} for years 1 to 9999, as {@link LocalDate#toString()} writes it. */
    private void date(LocalDate d) {
        ensure(10);
        int y = d.getYear();
        digits2(y / 100);
        digits2(y % 100);
        bytes[size++] = '-';
        digits2(d.getMonthValue());
        bytes[size++] = '-';
        digits2(d.getDayOfMonth());
    }

    /** As {@link LocalTime#toString()}: seconds when not zero, fraction as 3, 6 or 9 digits when not zero. */
    private void time(LocalTime t) {
        ensure(18);
        digits2(t.getHour());
        bytes[size++] = ':';
        digits2(t.getMinute());
        int second = t.getSecond();
        int nano = t.getNano();
        if (second > 0 || nano > 0) {
            bytes[size++] = ':';
            digits2(second);
            if (nano > 0) {
                bytes[size++] = '.';
                if (nano % 1_000_000 == 0) {
                    fixed(nano / 1_000_000, 3);
                } else if (nano % 1000 == 0) {
                    fixed(nano / 1000, 6);
                } else {
                    fixed(nano, 9);
                }
            }
        }
    }

    private void digits2(int v) {
        bytes[size++] = (byte) ('0' + v / 10);
        bytes[size++] = (byte) ('0' + v % 10);
    }

    private void fixed(int v, int width) {
        for (int i = size + width - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
    }

    /** {@code \\x} and lower-case hex: bytea's hex input form, its backslash escaped for COPY. */
    private void hex(byte[] b) {
        ensure(3 + 2 * b.length);
        bytes[size++] = '\\';
        bytes[size++] = '\\';
        bytes[size++] = 'x';
        for (byte x : b) {
            bytes[size++] = HEX[(x >> 4) & 0xf];
            bytes[size++] = HEX[x & 0xf];
        }
    }

    /**
     * Encodes as UTF-8, then escapes. {@code getBytes} is the JDK's vectorised encoder (for the usual
     * Latin-1 string a check and a copy); escaping bytes equals escaping chars, as no byte of a
     * multi-byte UTF-8 sequence is below 0x80.
     */
    private void text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        ensure(n);
        int from = 0;
        for (int i = 0; i < n; i++) {
            byte b = utf8[i];
            if (ESCAPE[b & 0xff]) {
                ensure(n - from + 1);
                System.arraycopy(utf8, from, bytes, size, i - from);
                size += i - from;
                bytes[size++] = '\\';
                bytes[size++] = switch (b) {
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    case '\t' -> 't';
                    default -> '\\';
                };
                from = i + 1;
            }
        }
        System.arraycopy(utf8, from, bytes, size, n - from);
        size += n - from;
    }
}
