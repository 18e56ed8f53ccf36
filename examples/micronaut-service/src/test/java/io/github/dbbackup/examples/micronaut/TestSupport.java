package io.github.dbbackup.examples.micronaut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Properties and queries the tests share. */
final class TestSupport {

    private TestSupport() {
    }

    /** Properties for a context on its own in-memory H2 database (with the demo schema) and store directory. */
    static Map<String, String> h2Properties(String cronSecret) {
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", "jdbc:h2:mem:mn-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        p.put("datasources.default.username", "sa");
        p.put("datasources.default.password", "");
        p.put("dbbackup.store.directory", newStoreDirectory().toString());
        p.put("dbbackup.cron-secret", cronSecret);
        p.put("dbbackup.demo.create-schema", "true");
        return p;
    }

    static Path newStoreDirectory() {
        try {
            Path target = Path.of("target", "test-stores");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the audit_log rows with this action whose details mention {@code text}. */
    static long auditRows(DataSource dataSource, String action, String text) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND details LIKE ?")) {
            ps.setString(1, action);
            ps.setString(2, "%" + text + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
