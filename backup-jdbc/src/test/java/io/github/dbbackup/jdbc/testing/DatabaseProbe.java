package io.github.dbbackup.jdbc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Checks, independently of {@link DatabaseServer}, whether a test database exists. */
final class DatabaseProbe {

    private DatabaseProbe() {
    }

    /** Asks the server of {@code witness} (another live database of the same kind) about {@code name}. */
    static boolean exists(TestDatabase witness, String name) {
        return switch (witness.kind()) {
            case POSTGRESQL -> witness.queryForLong("SELECT COUNT(*) FROM pg_database WHERE datname = ?", name) > 0;
            case MARIADB -> witness.queryForLong(
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", name) > 0;
            case H2 -> h2Exists(name);
        };
    }

    private static boolean h2Exists(String name) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE", "sa", "");
            connection.close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Counts the base tables of the database's schema. */
    static long tableCount(TestDatabase database) {
        return database.queryForLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type IN ('BASE TABLE', 'TABLE')", database.schema());
    }
}
