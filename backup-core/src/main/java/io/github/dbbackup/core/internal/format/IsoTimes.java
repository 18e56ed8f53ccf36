package io.github.dbbackup.core.internal.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats dates and times exactly as {@code DateTimeFormatter.ISO_LOCAL_DATE}, {@code ISO_LOCAL_TIME},
 * {@code ISO_LOCAL_DATE_TIME} and {@code ISO_OFFSET_DATE_TIME} do (years 0 to 9999 and whole-minute
 * offsets digit by digit, anything else through the formatter), and parses the ISO-8601 forms of format v1 (§6.8) with the same result as {@code LocalDate.parse},
 * {@code LocalTime.parse}, {@code LocalDateTime.parse} and {@code OffsetDateTime.parse}, but about
 * ten times faster for the forms writers emit: a four-digit year, {@code T}, {@code HH:mm[:ss[.f]]}
 * with 1 to 9 fraction digits, and {@code Z} or {@code ±HH:MM}. Those were half of a restore's
 * decoding time ({@code DateTimeFormatter} resolves through hash maps per value). Any other input
 * (signed or five-digit years, lower-case {@code t}, offsets with seconds, invalid field values, …)
 * goes to {@code java.time} itself, so what is accepted, what is rejected and what it means never
 * differ from the reference reader's. Stateless.
 */
final class IsoTimes {

    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoTimes() {
    }

    static LocalDate date(String s) {
        if (s.length() == 10) {
            LocalDate d = date(s, 0);
            if (d != null) {
                return d;
            }
        }
        return LocalDate.parse(s);
    }

    static LocalTime time(String s) {
        LocalTime t = time(s, 0, s.length());
        return t != null ? t : LocalTime.parse(s);
    }

    static LocalDateTime dateTime(String s) {
        LocalDateTime dt = dateTime(s, s.length());
        return dt != null ? dt : LocalDateTime.parse(s);
    }

    static OffsetDateTime offsetDateTime(String s) {
        int n = s.length();
        ZoneOffset offset = null;
        int end = -1;
        if (n > 16 && s.charAt(n - 1) == 'Z') {
            offset = ZoneOffset.UTC;
            end = n - 1;
        } else if (n > 21 && (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':') {
            int h = two(s, n - 5);
            int m = two(s, n - 2);
            if (h >= 0 && m >= 0 && h <= 18 && m <= 59 && (h < 18 || m == 0)) {
                offset = s.charAt(n - 6) == '-' ? ZoneOffset.ofHoursMinutes(-h, -m) : ZoneOffset.ofHoursMinutes(h, m);
                end = n - 6;
            }
        }
        if (offset != null) {
            LocalDateTime dt = dateTime(s, end);
            if (dt != null) {
                return OffsetDateTime.of(dt, offset);
            }
        }
        return OffsetDateTime.parse(s);
    }

    /** {@code yyyy-MM-ddTHH:mm[:ss[.f]]} in {@code s[0, end)}, or null to let java.time decide. */
    private static LocalDateTime dateTime(String s, int end) {
        if (end < 16 || s.charAt(10) != 'T') {
            return null;
        }
        LocalDate d = date(s, 0);
        if (d == null) {
            return null;
        }
        LocalTime t = time(s, 11, end);
        return t == null ? null : LocalDateTime.of(d, t);
    }

    /** {@code yyyy-MM-dd} at {@code s[from, from + 10)}, or null. */
    private static LocalDate date(String s, int from) {
        int y1 = two(s, from);
        int y2 = two(s, from + 2);
        int month = two(s, from + 5);
        int day = two(s, from + 8);
        if (y1 < 0 || y2 < 0 || month < 0 || day < 0 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return null;
        }
        try {
            return LocalDate.of(y1 * 100 + y2, month, day);
        } catch (DateTimeException e) {
            return null; // e.g. February 30: java.time's parser says why
        }
    }

    /** {@code HH:mm[:ss[.f{1,9}]]} exactly filling {@code s[from, end)}, or null. */
    private static LocalTime time(String s, int from, int end) {
        int length = end - from;
        if (length != 5 && length != 8 && (length < 10 || length > 18)) {
            return null;
        }
        int hour = two(s, from);
        int minute = two(s, from + 3);
        if (hour < 0 || minute < 0 || s.charAt(from + 2) != ':') {
            return null;
        }
        int second = 0;
        int nano = 0;
        if (length > 5) {
            second = two(s, from + 6);
            if (second < 0 || s.charAt(from + 5) != ':') {
                return null;
            }
            if (length > 8) {
                if (s.charAt(from + 8) != '.') {
                    return null;
                }
                for (int i = from + 9; i < end; i++) {
                    int digit = s.charAt(i) - '0';
                    if (digit < 0 || digit > 9) {
                        return null;
                    }
                    nano = nano * 10 + digit;
                }
                nano *= SCALE[length - 9];
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second, nano);
    }

    static String format(LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        }
        char[] c = new char[10];
        writeDate(c, d);
        return new String(c);
    }

    static String format(LocalTime t) {
        char[] c = new char[18];
        return new String(c, 0, writeTime(c, 0, t));
    }

    static String format(LocalDateTime t) {
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        char[] c = new char[29];
        writeDate(c, t.toLocalDate());
        c[10] = 'T';
        return new String(c, 0, writeTime(c, 11, t.toLocalTime()));
    }

    static String format(OffsetDateTime t) {
        int offset = t.getOffset().getTotalSeconds();
        if (t.getYear() < 0 || t.getYear() > 9999 || offset % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        char[] c = new char[35];
        writeDate(c, t.toLocalDate());
        c[10] = 'T';
        int i = writeTime(c, 11, t.toLocalTime());
        if (offset == 0) {
            c[i++] = 'Z';
        } else {
            c[i++] = offset < 0 ? '-' : '+';
            int minutes = Math.abs(offset) / 60;
            i = writeTwo(c, i, minutes / 60);
            c[i++] = ':';
            i = writeTwo(c, i, minutes % 60);
        }
        return new String(c, 0, i);
    }

    /** {@code yyyy-MM-dd} into {@code c[0, 10)}; the year is 0 to 9999. */
    private static void writeDate(char[] c, LocalDate d) {
        int year = d.getYear();
        writeTwo(c, 0, year / 100);
        writeTwo(c, 2, year % 100);
        c[4] = '-';
        writeTwo(c, 5, d.getMonthValue());
        c[7] = '-';
        writeTwo(c, 8, d.getDayOfMonth());
    }

    /** {@code HH:mm:ss} and, unless zero, {@code .} and the nanoseconds without trailing zeros; returns the end. */
    private static int writeTime(char[] c, int i, LocalTime t) {
        i = writeTwo(c, i, t.getHour());
        c[i++] = ':';
        i = writeTwo(c, i, t.getMinute());
        c[i++] = ':';
        i = writeTwo(c, i, t.getSecond());
        int nano = t.getNano();
        if (nano == 0) {
            return i;
        }
        int digits = 9;
        while (nano % 10 == 0) {
            nano /= 10;
            digits--;
        }
        c[i++] = '.';
        for (int k = i + digits - 1; k >= i; k--) {
            c[k] = (char) ('0' + nano % 10);
            nano /= 10;
        }
        return i + digits;
    }

    private static int writeTwo(char[] c, int i, int value) {
        c[i] = (char) ('0' + value / 10);
        c[i + 1] = (char) ('0' + value % 10);
        return i + 2;
    }

    /** Two ASCII digits at {@code s[i, i + 2)} as a number, or -1. */
    private static int two(String s, int i) {
        if (i + 2 > s.length()) {
            return -1;
        }
        int a = s.charAt(i) - '0';
        int b = s.charAt(i + 1) - '0';
        return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
    }
}
