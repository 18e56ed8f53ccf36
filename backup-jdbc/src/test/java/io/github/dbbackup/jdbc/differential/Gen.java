package io.github.dbbackup.jdbc.differential;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

/** Random ordinary values as text, for the dialects' value classes. */
final class Gen {

    private Gen() {
    }

    static String digits(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(max);
        sb.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** A decimal with up to {@code intDigits} integer and {@code scale} fraction digits, signed. */
    static String decimal(Random r, int intDigits, int scale) {
        String sign = r.nextBoolean() ? "-" : "";
        String whole = r.nextInt(4) == 0 ? "0" : digits(r, intDigits);
        if (scale == 0) {
            return sign + whole;
        }
        StringBuilder fraction = new StringBuilder();
        int n = r.nextInt(scale + 1);
        for (int i = 0; i < n; i++) {
            fraction.append((char) ('0' + r.nextInt(10)));
        }
        return sign + whole + (n == 0 ? "" : "." + fraction);
    }

    static String doubleText(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Double.toString(r.nextGaussian() * 1e6);
            case 1 -> Double.toString(Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1));
            case 2 -> Integer.toString(r.nextInt());
            default -> Double.toString(r.nextDouble());
        };
    }

    static String floatText(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Float.toString((float) (r.nextGaussian() * 1e4));
            case 1 -> Float.toString(Float.intBitsToFloat(r.nextInt() & 0x7f7fffff) * (r.nextBoolean() ? 1 : -1));
            default -> Float.toString(r.nextFloat());
        };
    }

    /** Printable text with accents, astral characters and U+0001; never NUL. */
    static String text(Random r, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        while (sb.codePointCount(0, sb.length()) < n) {
            int kind = r.nextInt(12);
            if (kind == 0) {
                sb.appendCodePoint(0x1F600 + r.nextInt(64));
            } else if (kind == 1) {
                sb.append("\u0001\t\n\r\\\"'".charAt(r.nextInt(7)));
            } else if (kind == 2) {
                sb.appendCodePoint(0xC0 + r.nextInt(0x250 - 0xC0));
            } else {
                sb.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }

    static String hex(Random r, int maxBytes) {
        byte[] bytes = new byte[r.nextInt(maxBytes + 1)];
        r.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String date(Random r, int fromYear, int toYear) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", fromYear + r.nextInt(toYear - fromYear + 1), 1 + r.nextInt(12),
                1 + r.nextInt(28));
    }

    /** {@code HH:mm:ss} plus {@code fractionDigits} random fraction digits (none for 0). */
    static String time(Random r, int fractionDigits) {
        String t = String.format(Locale.ROOT, "%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
        if (fractionDigits == 0) {
            return t;
        }
        StringBuilder f = new StringBuilder(".");
        for (int i = 0; i < fractionDigits; i++) {
            f.append((char) ('0' + r.nextInt(10)));
        }
        return t + f;
    }

    static String uuid(Random r) {
        return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
    }

    /** A JSON object with a number, a string and an array. */
    static String json(Random r) {
        String s = text(r, 8).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t").replace("\u0001", "\\u0001");
        return "{\"n\": " + r.nextInt() + ", \"s\": \"" + s + "\", \"a\": [" + r.nextDouble() + ", null, true]}";
    }
}
