package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.TableSpec;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;

/**
 * The QA-app schema and sample data load on every kind of database; one tiny subclass per kind.
 * Loaded once per class at scale 1; tests that write roll back or use a sibling database.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class QaAppSchemaIT {

    static final long SEED = 20261129L;

    /** Rows per table at scale 1, counted by hand from QaAppData's rules. */
    static final Map<String, Integer> ROWS_AT_SCALE_1 = rows(
            "users", 14, "teams", 3, "subscriptions", 3, "team_members", 14, "projects", 6, "milestones", 18,
            "environments", 12, "test_suites", 24, "test_cases", 120, "test_runs", 120,
            "session", 7, "password_reset_token", 2, "api_key", 4, "authenticator_token", 4, "attachment", 12,
            "audit_log", 10, "team_invitation", 6, "enterprise_inquiry", 3, "jira_issue", 17,
            "jira_integration", 2, "slack_integration", 2);

    /** users.last_login_at of user 1 for {@link #SEED}, in microseconds since 1970-01-01T00:00Z. */
    static final long USER_1_LAST_LOGIN_EPOCH_MICROS = 1_768_318_215_981_040L; // 2026-01-13T15:30:15.981040Z

    private TestDatabase db;
    private QaAppSchema.Database database;
    private Map<String, Integer> inserted;

    @BeforeAll
    void createSchemaAndLoadSampleData(TestDatabase db) throws SQLException {
        this.db = db;
        this.database = QaAppSchema.Database.valueOf(db.kind().name());
        inserted = load(db, database);
    }

    private static Map<String, Integer> load(TestDatabase target, QaAppSchema.Database database) throws SQLException {
        try (Connection connection = target.openConnection()) {
            QaAppSchema.create(connection, database);
            return QaAppData.insert(connection, database, 1, SEED);
        }
    }

    @Test
    void detectsTheDatabaseFromTheConnection() throws SQLException {
        try (Connection connection = db.openConnection()) {
            assertThat(QaAppSchema.Database.from(connection)).isEqualTo(database);
        }
    }

    @Test
    void createsExactlyTheTablesOfTheSchema() throws SQLException {
        assertThat(tables()).containsExactlyInAnyOrderElementsOf(QaAppSchema.ALL_TABLES);
        assertThat(QaAppSchema.ALL_TABLES).hasSize(21).doesNotHaveDuplicates();
    }

    @Test
    void loadsTheSampleRowsIntoEveryTable() {
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (String table : QaAppSchema.ALL_TABLES) {
            counted.put(table, (int) db.queryForLong("SELECT COUNT(*) FROM " + table));
        }

        assertThat(counted).containsExactlyInAnyOrderEntriesOf(ROWS_AT_SCALE_1);
        assertThat(inserted).containsExactlyInAnyOrderEntriesOf(ROWS_AT_SCALE_1);
        assertThat(counted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(403);
    }

    @Test
    void populatesTheUsersTeamsCycle() {
        assertThat(db.queryForLong("SELECT COUNT(*) FROM teams t JOIN users u ON u.id = t.owner_id AND u.team_id = t.id"))
                .as("owners who are members of the team they own").isEqualTo(3);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM users WHERE team_id IS NOT NULL")).isEqualTo(12);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM users WHERE team_id IS NULL")).isEqualTo(2);
    }

    @Test
    void storesChildSuitesWhoseParentHasAHigherId() {
        assertThat(db.queryForLong("SELECT COUNT(*) FROM test_suites WHERE parent_id > id")).isEqualTo(6);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM test_suites WHERE parent_id IS NULL")).isEqualTo(6);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM test_suites c JOIN test_suites p ON c.parent_id = p.id "
                + "WHERE p.parent_id IS NOT NULL")).as("grandchildren").isEqualTo(6);
    }

    @Test
    void keepsUnicodeQuotesNullsAndBothBooleans() throws SQLException {
        assertThat(strings("SELECT display_name FROM users WHERE id <= 3 ORDER BY id"))
                .containsExactly(QaAppData.EMOJI_NAME, "Seán O'Brien", "Dana \"DJ\" Jones");
        assertThat(db.queryForLong("SELECT COUNT(*) FROM users WHERE display_name IS NULL")).isEqualTo(2);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM users WHERE is_active = ?", true)).isEqualTo(11);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM users WHERE is_active = ?", false)).isEqualTo(3);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM projects WHERE description = ''")).isEqualTo(1);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM test_runs WHERE CHAR_LENGTH(result_notes) = 12000"))
                .isEqualTo(20);
    }

    @Test
    void keepsDecimalsWithTenPlacesAndTimestampsWithMicroseconds() throws SQLException {
        assertThat(db.queryForLong("SELECT COUNT(*) FROM milestones WHERE budget = ?",
                new BigDecimal("999999999999999999999999999.9999999999"))).isEqualTo(4);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM milestones WHERE budget = ?",
                new BigDecimal("0.0000000001"))).isPositive();

        List<LocalDateTime> started = new ArrayList<>();
        try (Connection connection = db.openConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT started_at FROM test_runs ORDER BY id")) {
            while (rs.next()) {
                started.add(rs.getObject(1, LocalDateTime.class));
            }
        }
        assertThat(started).hasSize(120)
                .allMatch(t -> t.getNano() % 1_000 == 0, "whole microseconds")
                .anyMatch(t -> t.getNano() % 1_000_000 != 0);
    }

    @Test
    void storesTheSameLoginInstantsOnEveryDatabaseWhateverTheJvmTimeZone() {
        String micros = db.kind() == DatabaseKind.MARIADB
                ? "CAST(UNIX_TIMESTAMP(last_login_at) * 1000000 AS SIGNED)"
                : "CAST(EXTRACT(EPOCH FROM last_login_at) * 1000000 AS BIGINT)";

        assertThat(db.queryForLong("SELECT COUNT(*) FROM users WHERE last_login_at IS NULL")).isEqualTo(2);
        assertThat(db.queryForLong("SELECT " + micros + " FROM users WHERE id = 1"))
                .isEqualTo(USER_1_LAST_LOGIN_EPOCH_MICROS);
    }

    @Test
    void storesBcryptLikePasswordHashesATestCanSearchFor() throws SQLException {
        try (Connection connection = db.openConnection()) {
            List<String> hashes = QaAppData.passwordHashes(connection);

            assertThat(hashes).hasSize(14).doesNotHaveDuplicates()
                    .allMatch(h -> h.matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}"))
                    .isEqualTo(QaAppData.passwordHashes(1, SEED))
                    .isNotEqualTo(QaAppData.passwordHashes(1, SEED + 1));
        }
    }

    @Test
    void listsEverySecretOfTheDatabase() throws SQLException {
        try (Connection connection = db.openConnection()) {
            assertThat(QaAppData.secrets(connection)).hasSize(14 + 7 + 2 + 4 + 4 + 6 + 2 + 2 + 2)
                    .doesNotHaveDuplicates()
                    .allMatch(secret -> secret.length() >= 20);
        }
    }

    @Test
    void identityColumnsContinueAfterTheSampleIds() throws SQLException {
        try (Connection connection = db.openConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO audit_log (action, created_at, details) "
                        + "VALUES ('DATABASE_BACKUP_CREATED', CURRENT_TIMESTAMP, '{}')");
                statement.executeUpdate("INSERT INTO subscriptions (team_id, plan, seats, price) VALUES (1, 'team', 3, 9.99)");
                statement.executeUpdate("INSERT INTO users (email, password_hash, created_at) "
                        + "VALUES ('new@example.com', 'x', CURRENT_TIMESTAMP)");
                assertThat(maxId(statement, "audit_log")).isEqualTo(11);
                assertThat(maxId(statement, "subscriptions")).isEqualTo(4);
                assertThat(maxId(statement, "users")).isEqualTo(15);
            } finally {
                connection.rollback();
            }
        }
        assertThat(db.queryForLong("SELECT COUNT(*) FROM audit_log")).isEqualTo(10);
    }

    @Test
    void sameSeedGivesTheSameRows() throws SQLException {
        try (TestDatabase again = db.createSibling()) {
            load(again, database);
            for (String table : QaAppSchema.ALL_TABLES) {
                assertThat(fingerprint(again, table)).as(table).isEqualTo(fingerprint(db, table));
            }
        }
    }

    @Test
    void planClassifiesEveryTableOfTheSchemaExactlyOnce() throws SQLException {
        BackupPlan plan = QaAppPlan.plan();
        List<String> included = plan.tables().stream().map(TableSpec::table).toList();

        assertThat(plan.isStrict()).isTrue();
        assertThat(included).containsExactlyElementsOf(QaAppSchema.BACKED_UP_TABLES);
        for (String table : tables()) {
            boolean excluded = plan.exclusions().decide(table).isExclude();
            assertThat(included.contains(table)).as(table + " included XOR excluded").isNotEqualTo(excluded);
        }
        assertThat(plan.exclusions().namedTables()).containsExactlyInAnyOrderElementsOf(QaAppSchema.EXCLUDED_TABLES);
        assertThat(QaAppSchema.EXCLUDED_TABLES)
                .allMatch(table -> !plan.exclusions().decide(table).reason().isBlank());
        assertThat(plan.exclusions().decide("slack_integration").requiredAction()).isEqualTo("Users must re-connect Slack");

        TableSpec users = plan.tables().get(0);
        assertThat(users.excludedColumns()).containsExactly(entry("password_hash", "Every user must reset their password"));
        assertThat(users.placeholders()).containsExactly(entry("password_hash", "RESET_REQUIRED"));
        assertThat(columns("users")).contains("password_hash");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + db.schema()
                + "' AND table_type IN ('BASE TABLE', 'TABLE')").stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    private List<String> columns(String table) throws SQLException {
        try (Connection connection = db.openConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.openConnection(); PreparedStatement ps = connection.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long maxId(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT MAX(id) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of {@code table} in primary-key order, as the driver's text of each value. */
    private static String fingerprint(TestDatabase database, String table) throws SQLException {
        try (Connection connection = database.openConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
            int columns = rs.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", row));
            }
            return rows.stream().collect(Collectors.joining("\n"));
        }
    }

    private static Map<String, Integer> rows(Object... tableThenCount) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (int i = 0; i < tableThenCount.length; i += 2) {
            rows.put((String) tableThenCount[i], (Integer) tableThenCount[i + 1]);
        }
        return rows;
    }
}
