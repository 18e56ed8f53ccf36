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
    public static final Map<String, String> POSTGRESQL = map();

    /** MariaDB. */
    public static final Map<String, String> MARIADB = map();

    /** H2. */
    public static final Map<String, String> H2 = map();

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
