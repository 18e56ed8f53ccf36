package io.github.dbbackup.jdbc.differential;

import java.util.Map;

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
    public static final Map<String, String> POSTGRESQL = Map.ofEntries(
            // 8: numeric[] holding NaN or ±Infinity fails the backup ("Bad value for type BigDecimal")
            Map.entry("numeric[]/nan", "#12 item 8"), Map.entry("numeric[]/infinity", "#12 item 8"),
            Map.entry("numeric[]/-infinity", "#12 item 8"), Map.entry("numeric[][]/nan", "#12 item 8"),
            Map.entry("numeric[][]/infinity", "#12 item 8"), Map.entry("numeric[][]/-infinity", "#12 item 8"));

    /** MariaDB. */
    public static final Map<String, String> MARIADB = Map.ofEntries();

    /** H2. */
    public static final Map<String, String> H2 = Map.ofEntries(
            // 8: DECFLOAT NaN and ±Infinity fail the backup ("Data conversion error converting DECFLOAT to NUMERIC")
            Map.entry("decfloat/nan", "#12 item 8"), Map.entry("decfloat/infinity", "#12 item 8"),
            Map.entry("decfloat/-infinity", "#12 item 8"), Map.entry("decfloat[]/nan", "#12 item 8"),
            Map.entry("decfloat[]/infinity", "#12 item 8"), Map.entry("decfloat[]/-infinity", "#12 item 8"),
            // 1: temporal arrays go through java.sql.Date/Time/Timestamp: BC, Julian-calendar and far dates
            // shift, time[] loses its fraction, and the target session's time zone shifts time[]/timestamp[]
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
            Map.entry("interval day(9) to second(9)/ordinary", NEW), Map.entry("interval day(9) to second(9)/negative", NEW), Map.entry("interval year(9) to month/big", NEW));

    private KnownBroken() {
    }
}
