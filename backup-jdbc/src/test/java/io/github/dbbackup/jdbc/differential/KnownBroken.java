package io.github.dbbackup.jdbc.differential;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Value classes the differential suite does not generate yet because a known bug changes them,
 * one list per dialect. A key is {@code type/class} ({@code type/*} for a whole column type), the
 * value the issue item that tracks it. Delete an entry once its fix is merged: the suite then
 * proves the fix, and any entry that still fails shows which fix is missing.
 *
 * @since 0.1
 */
public final class KnownBroken {

    /** Marks an entry found by this suite that issue #12 does not list yet (see ADR 0011). */
    static final String NEW = "found by the differential suite, not in #12";

    /** PostgreSQL. */
    public static final Map<String, String> POSTGRESQL = map(
            // 1: date/time arrays: BC comes back AD, dates before the Gregorian cutover shift, time[] loses µs and
            // 24:00, the DST gap moves with the JVM zone, infinity becomes a far instant
            entries("date[]", "#12 item 1", "infinity", "-infinity", "bc", "bc-min", "year1", "julian", "cutover-before",
                    "cutover-gap", "y10k", "max"),
            entries("date[][]", "#12 item 1", "infinity", "-infinity", "bc", "bc-min", "year1", "julian", "cutover-before",
                    "cutover-gap", "y10k", "max"),
            entries("time[]", "#12 item 1", "24:00", "max-us", "one-us", "ordinary-us"),
            entries("timestamp[]", "#12 item 1", "infinity", "-infinity", "bc", "bc-min", "julian", "cutover-before",
                    "cutover-gap", "y10k", "max", "dst-gap", "lmt"),
            entries("timestamptz[]", "#12 item 1", "infinity", "-infinity", "bc", "julian", "cutover-gap", "y10k", "max",
                    "lmt"),
            // 5: intervals follow the source's IntervalStyle: under sql_standard '-3 days -04:00:00' comes back
            // as '-3 days +04:00:00'
            entries("interval", "#12 item 5", "mixed-sign", "day-minus-second", "ordinary"),
            entries("interval[]", "#12 item 5", "mixed-sign", "day-minus-second", "ordinary"),
            // 5 (same root: session settings not pinned): with the source's extra_float_digits = 0, real, double
            // precision and point values lose digits (e.g. 19111.446417256382 -> 19111.4464172564)
            entries("real", "#12 item 5", "ordinary", "max", "min-normal", "min-subnormal"),
            entries("real[]", "#12 item 5", "ordinary", "max", "min-normal", "min-subnormal"),
            entries("double precision", "#12 item 5", "ordinary", "max", "min-normal", "min-subnormal", "2^53+1"),
            entries("double precision[]", "#12 item 5", "ordinary", "max", "min-normal", "min-subnormal", "2^53+1"),
            entries("point", "#12 item 5", "ordinary"), entries("point[]", "#12 item 5", "ordinary"),
            // 6: non-default array lower bounds are dropped silently
            Map.entry("integer[]/lower-bound", "#12 item 6"), Map.entry("text[]/lower-bound", "#12 item 6"),
            // 7: infinity, BC and years after 9999 fail the COPY restore
            entries("date", "#12 item 7", "infinity", "-infinity", "bc", "bc-min", "y10k", "max"),
            entries("timestamp", "#12 item 7", "infinity", "-infinity", "bc", "bc-min", "y10k", "max"),
            entries("timestamptz", "#12 item 7", "infinity", "-infinity", "bc", "y10k", "max"),
            // 10: regclass/regtype/regproc '-' (oid 0) fails the INSERT and UPSERT restore
            Map.entry("regclass/zero-oid", "#12 item 10"), Map.entry("regtype/zero-oid", "#12 item 10"),
            Map.entry("regproc/zero-oid", "#12 item 10"),
            // 8: numeric[] holding NaN or ±Infinity fails the backup ("Bad value for type BigDecimal")
            Map.entry("numeric[]/nan", "#12 item 8"), Map.entry("numeric[]/infinity", "#12 item 8"),
            Map.entry("numeric[]/-infinity", "#12 item 8"), Map.entry("numeric[][]/nan", "#12 item 8"),
            Map.entry("numeric[][]/infinity", "#12 item 8"), Map.entry("numeric[][]/-infinity", "#12 item 8"));

    /** MariaDB. */
    public static final Map<String, String> MARIADB = map(
            // 2: spatial subtypes are recorded as OTHER and their WKB decoded as UTF-8
            Map.entry("point/*", "#12 item 2"), Map.entry("linestring/*", "#12 item 2"), Map.entry("polygon/*", "#12 item 2"),
            Map.entry("multipoint/*", "#12 item 2"), Map.entry("multilinestring/*", "#12 item 2"),
            Map.entry("multipolygon/*", "#12 item 2"),
            // 3: zero dates become NULL
            Map.entry("timestamp(6)/zero", "#12 item 3"), Map.entry("date/zero-date", "#12 item 3"),
            Map.entry("datetime(6)/zero-date", "#12 item 3"),
            // 9: the enum error value (index 0, '') is restored as the declared '' label (index 4) here, fails elsewhere
            Map.entry("enum/error-value", "#12 item 9"));

    /** H2. */
    public static final Map<String, String> H2 = map(
            // 8: DECFLOAT NaN and ±Infinity fail the backup ("Data conversion error converting DECFLOAT to NUMERIC")
            Map.entry("decfloat/nan", "#12 item 8"), Map.entry("decfloat/infinity", "#12 item 8"),
            Map.entry("decfloat/-infinity", "#12 item 8"), Map.entry("decfloat[]/nan", "#12 item 8"),
            Map.entry("decfloat[]/infinity", "#12 item 8"), Map.entry("decfloat[]/-infinity", "#12 item 8"),
            // 1: temporal arrays go through java.sql.Date/Time/Timestamp: BC, Julian-calendar and far dates
            // shift, time[] loses its fraction, and the target session's time zone shifts even ordinary
            // time[]/timestamp[] values, hence whole types
            Map.entry("date[]/*", "#12 item 1"), Map.entry("time(9)[]/*", "#12 item 1"),
            Map.entry("timestamp(9)[]/*", "#12 item 1"), Map.entry("timestamp(9) with time zone[]/*", "#12 item 1"),
            // 4: JSON ARRAY elements are written as a Java byte[]'s toString ("[B@72035809")
            Map.entry("json[]/*", "#12 item 4"),
            // 10: ROW columns are backed up but cannot be restored
            Map.entry("row/*", "#12 item 10"),
            // NEW: nested arrays (INTEGER ARRAY ARRAY) are written with the inner java.sql.Array's toString
            // ("ar5: ARRAY [1, 2]"), so the restore fails with a data conversion error
            Map.entry("integer[][]/*", NEW), Map.entry("varchar(100)[][]/*", NEW),
            // NEW: the restore casts to INTERVAL DAY TO SECOND / YEAR TO MONTH without the type's precisions:
            // leading fields over 2 digits fail ("Value too long"), nanoseconds are rounded to microseconds
            Map.entry("interval day(9) to second(9)/ordinary", NEW), Map.entry("interval day(9) to second(9)/negative", NEW),
            Map.entry("interval year(9) to month/big", NEW));

    private KnownBroken() {
    }

    /** The classes of one type tracked by one issue item. */
    private static List<Map.Entry<String, String>> entries(String type, String item, String... classes) {
        return java.util.Arrays.stream(classes).map(c -> Map.entry(type + "/" + c, item)).toList();
    }

    /** An unmodifiable map of entries and lists of entries. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object... parts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Object part : parts) {
            List<Map.Entry<String, String>> entries = part instanceof List<?> list ? (List<Map.Entry<String, String>>) list
                    : List.of((Map.Entry<String, String>) part);
            entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
