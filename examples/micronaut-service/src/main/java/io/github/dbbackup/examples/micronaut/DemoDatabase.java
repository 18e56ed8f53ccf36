package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the demo only ({@code dbbackup.demo.create-schema: true}, the default with the embedded H2
 * database): at startup, when the database has no {@code users} table, creates the QA-app schema and
 * its sample data, so the service has something to back up. A real application runs its own
 * migrations instead.
 */
@Context
@Requires(property = "dbbackup.demo.create-schema", value = "true")
public class DemoDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);

    private final DataSource dataSource;

    /**
     * Creates the initializer.
     *
     * @param dataSource the application's data source
     */
    public DemoDatabase(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates the schema and sample data unless the {@code users} table exists.
     *
     * @throws SQLException when creating them fails
     */
    @PostConstruct
    public void createIfMissing() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (hasUsersTable(c)) {
                return;
            }
            QaAppSchema.Database database = QaAppSchema.create(c);
            QaAppData.insert(c, database, 1, 42L);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            LOG.info("Created the QA-app demo schema and sample data ({})", database);
        }
    }

    private static boolean hasUsersTable(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM users").close();
            return true;
        } catch (SQLException e) {
            if (!autoCommit) {
                c.rollback();
            }
            return false;
        }
    }
}
