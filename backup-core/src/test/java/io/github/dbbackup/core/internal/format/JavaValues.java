package io.github.dbbackup.core.internal.format;

import io.github.dbbackup.core.manifest.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded generator of Java values of every {@link ValueType}, in the Java types a reader decodes to:
 * each type's edge, special and legacy values (issue #12's list expressed as Java values) mixed
 * with random ordinary ones.
 */
final class JavaValues {

    static final List<LocalDate> EDGE_DATES = List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(-4713, 11, 24),
            LocalDate.of(0, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(1, 1, 1), LocalDate.of(1500, 1, 1),
            LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15), LocalDate.of(1582, 10, 10), LocalDate.of(1970, 1, 1),
            LocalDate.of(2000, 2, 29), LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1), LocalDate.of(294276, 12, 31),
            LocalDate.of(5874897, 12, 31));

    static final List<LocalTime> EDGE_TIMES = List.of(LocalTime.MIN, LocalTime.MAX, LocalTime.of(23, 59, 59, 999_999_000),
            LocalTime.of(0, 0, 0, 1), LocalTime.of(0, 0, 0, 1_000), LocalTime.of(12, 0), LocalTime.of(2, 30));

    static final List<ZoneOffset> EDGE_OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.MIN, ZoneOffset.MAX,
            ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHoursMinutesSeconds(0, 53, 28),
            ZoneOffset.ofHoursMinutesSeconds(-0, -17, -30));

    static final List<String> EDGE_STRINGS = List.of("", " ", "\u0001", "a\u0001b", "\u0000", "\u007f", "😀", "a😀b\u0001",
            "\"", "\\", "'", "\n\r\t", "\u2028\u2029", "\uFEFF", "é", "NULL", "null", "\\N", "{}", "[]", "{\"a\":1}");

    private final Random random;

    JavaValues(long seed) {
        this.random = new Random(seed);
    }

    private static final java.util.Map<ValueType, List<Object>> EDGES = new java.util.EnumMap<>(ValueType.class);

    static {
        for (ValueType type : ValueType.values()) {
            if (type != ValueType.ARRAY) {
                EDGES.put(type, java.util.Collections.unmodifiableList(buildEdges(type)));
            }
        }
    }

    /** Every edge value of {@code type} (not ARRAY), never null; built once (some are large). */
    static List<Object> edges(ValueType type) {
        List<Object> edges = EDGES.get(type);
        if (edges == null) {
            throw new IllegalArgumentException(type + " has no scalar edges");
        }
        return edges;
    }

    private static List<Object> buildEdges(ValueType type) {
        List<Object> edges = new ArrayList<>();
        switch (type) {
            case BOOLEAN -> edges.addAll(List.of(true, false));
            case INTEGER -> edges.addAll(List.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE,
                    (long) Integer.MAX_VALUE, (long) Short.MIN_VALUE, 4294967295L, new BigInteger("18446744073709551615"),
                    new BigInteger("9223372036854775808"), new BigInteger("-9223372036854775809"),
                    new BigInteger("1" + "0".repeat(40)), new BigInteger("-1" + "0".repeat(40))));
            case DECIMAL -> edges.addAll(List.of("NaN", "Infinity", "-Infinity", BigDecimal.ZERO, new BigDecimal("0.00"),
                    new BigDecimal("-0.0000000001"), new BigDecimal("1234567890123456789012345678.0123456789"),
                    new BigDecimal("9".repeat(65)), new BigDecimal("0." + "0".repeat(29) + "1"),
                    new BigDecimal("-" + "9".repeat(131072 / 64) + "." + "9".repeat(100)),
                    new BigDecimal("0." + "9".repeat(16383)), new BigDecimal("1e-30").setScale(30)));
            case FLOAT -> edges.addAll(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0d, -0.0d,
                    Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL,
                    (double) Float.MAX_VALUE, (double) Float.MIN_VALUE, 0.1d, 1.0 / 3, 1e300, 1e-300, 9007199254740993d,
                    123456789012345680000d));
            case STRING, OTHER -> edges.addAll(EDGE_STRINGS);
            case JSON -> edges.addAll(List.of("{}", "[]", "null", "0", "\"\"", "{\"a\": [1, \"é\"], \"b\": null}",
                    "{\"s\":\"\\u0001😀\"}", "[1e308,-0.0,1.0E-7]"));
            case BINARY -> {
                byte[] all = new byte[256];
                for (int i = 0; i < all.length; i++) {
                    all[i] = (byte) i;
                }
                edges.addAll(List.of(new byte[0], new byte[] {0}, new byte[] {(byte) 0xff}, all));
            }
            case DATE -> edges.addAll(EDGE_DATES);
            case TIME -> edges.addAll(EDGE_TIMES);
            case TIMESTAMP -> {
                edges.addAll(List.of(LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime.of(2026, 3, 29, 2, 30),
                        LocalDateTime.of(2026, 10, 25, 2, 30), LocalDateTime.of(2026, 3, 8, 2, 30, 0, 123_456_000)));
                for (LocalDate d : EDGE_DATES) {
                    edges.add(d.atTime(EDGE_TIMES.get(Math.floorMod(d.getYear(), EDGE_TIMES.size()))));
                }
            }
            case TIMESTAMP_TZ -> {
                edges.addAll(List.of(OffsetDateTime.MIN, OffsetDateTime.MAX,
                        OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
                int i = 0;
                for (LocalDate d : EDGE_DATES) {
                    if (d.equals(LocalDate.MIN) || d.equals(LocalDate.MAX)) {
                        continue; // an offset could push these out of range
                    }
                    edges.add(OffsetDateTime.of(d.atTime(EDGE_TIMES.get(i % EDGE_TIMES.size())),
                            EDGE_OFFSETS.get(i % EDGE_OFFSETS.size())));
                    i++;
                }
            }
            case UUID -> edges.addAll(List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1)));
            case ARRAY -> throw new IllegalArgumentException("ARRAY has no scalar edges");
        }
        return edges;
    }

    /** An edge value of {@code type} with probability 1/3, else an ordinary one; never null. */
    Object next(ValueType type) {
        if (random.nextInt(3) == 0) {
            List<Object> edges = edges(type);
            return edges.get(random.nextInt(edges.size()));
        }
        return ordinary(type);
    }

    /** A value or null (1 in 6). */
    Object nextOrNull(ValueType type) {
        return random.nextInt(6) == 0 ? null : next(type);
    }

    /** An array of {@code element} values: empty, flat with nulls, or nested up to three levels. */
    List<Object> array(ValueType element) {
        return array(element, random.nextInt(3));
    }

    private List<Object> array(ValueType element, int depth) {
        int length = random.nextInt(5);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            list.add(depth > 0 ? array(element, depth - 1) : nextOrNull(element));
        }
        return list;
    }

    private Object ordinary(ValueType type) {
        return switch (type) {
            case BOOLEAN -> random.nextBoolean();
            case INTEGER -> random.nextInt(4) == 0 ? new BigInteger(64 + random.nextInt(64), random).add(
                    BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)).multiply(BigInteger.valueOf(random.nextBoolean()
                    ? 1 : -1)) : random.nextLong() >> random.nextInt(64);
            case DECIMAL -> new BigDecimal(new BigInteger(1 + random.nextInt(200), random), random.nextInt(40))
                    .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1));
            case FLOAT -> switch (random.nextInt(3)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> (double) random.nextFloat() * 1000;
                default -> random.nextGaussian();
            };
            case STRING, OTHER -> string();
            case JSON -> "{\"k\":" + random.nextInt() + ",\"s\":\"" + string().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replaceAll("[\\x00-\\x1f]", "") + "\"}";
            case BINARY -> {
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case DATE -> date();
            case TIME -> time();
            case TIMESTAMP -> date().atTime(time());
            case TIMESTAMP_TZ -> OffsetDateTime.of(date().atTime(time()),
                    ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 18 * 4) * 15 * 60));
            case UUID -> new UUID(random.nextLong(), random.nextLong());
            case ARRAY -> throw new IllegalArgumentException("ARRAY has no scalar values");
        };
    }

    private LocalDate date() {
        // mostly ordinary years, sometimes anywhere in java.time's range
        return random.nextInt(5) == 0
                ? LocalDate.ofEpochDay(random.nextLong(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay() + 1))
                : LocalDate.ofEpochDay(random.nextInt(-200_000, 200_000));
    }

    private LocalTime time() {
        long nanos = random.nextLong(86_400_000_000_000L);
        return LocalTime.ofNanoOfDay(switch (random.nextInt(3)) {
            case 0 -> nanos - nanos % 1_000_000_000L;
            case 1 -> nanos - nanos % 1_000L;
            default -> nanos;
        });
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                sb.appendCodePoint(0x1F600 + random.nextInt(80)); // astral
            } else if (kind == 1) {
                sb.appendCodePoint(random.nextInt(0x20)); // control, including NUL
            } else if (kind == 2) {
                sb.appendCodePoint(0xA0 + random.nextInt(0xD7FF - 0xA0)); // BMP below the surrogates
            } else {
                sb.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }

    /** A comparable form: byte arrays as hex, lists element by element. */
    static Object comparable(Object value) {
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue(); // a reader decodes what fits a long as Long
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(comparable(v)));
            return copy;
        }
        return value;
    }
}
