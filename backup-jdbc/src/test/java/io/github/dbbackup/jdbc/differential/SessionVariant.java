package io.github.dbbackup.jdbc.differential;

import java.util.List;
import java.util.Objects;

/**
 * Session settings a host may have on the source or target database — the suite runs with the
 * server's defaults and with settings that change the text form of values ({@code IntervalStyle},
 * {@code DateStyle}, the session time zone, {@code sql_mode}, …).
 *
 * @param name the name in reports, e.g. {@code default} or {@code sql_standard+LA}
 * @param databaseSettings PostgreSQL {@code ALTER DATABASE %s SET …} statements ({@code %s} is
 *        the quoted database name), run once on the fresh database
 * @param sessionInit statements every new connection runs first (MariaDB, H2: where a database
 *        cannot carry defaults, a host's pool would)
 * @since 0.1
 */
public record SessionVariant(String name, List<String> databaseSettings, List<String> sessionInit) {

    /** The server's defaults. */
    public static final SessionVariant DEFAULT = new SessionVariant("default", List.of(), List.of());

    /** Checks and copies the fields. */
    public SessionVariant {
        Objects.requireNonNull(name, "name");
        databaseSettings = List.copyOf(databaseSettings);
        sessionInit = List.copyOf(sessionInit);
    }

    @Override
    public String toString() {
        return name;
    }
}
