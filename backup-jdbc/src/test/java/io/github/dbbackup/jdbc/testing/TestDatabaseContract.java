package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TestDatabase} must do, whatever its kind; run by one tiny subclass per kind
 * annotated with {@link WithDatabase}. Each test works with its own tables or a sibling, so test
 * order does not matter.
 */
abstract class TestDatabaseContract {

    private final TestDatabase db;

    TestDatabaseContract(TestDatabase db) {
        this.db = db;
    }

    @Test
    void isOfTheKindTheClassAskedFor() {
        DatabaseKind expected = getClass().getAnnotation(WithDatabase.class).value();
        assertThat(db.kind()).isEqualTo(expected);
        assertThat(db.name()).matches("dbbackup_t_[a-z0-9]{10}");
        assertThat(db.isClosed()).isFalse();
    }

    @Test
    void connectsToItsOwnDatabaseAndSchema() throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            switch (db.kind()) {
                case POSTGRESQL -> {
                    assertThat(connection.getCatalog()).isEqualTo(db.name());
                    assertThat(connection.getSchema()).isEqualTo("public").isEqualTo(db.schema());
                }
                case MARIADB -> {
                    assertThat(connection.getCatalog()).isEqualTo(db.name());
                    assertThat(db.schema()).isEqualTo(db.name());
                }
                case H2 -> {
                    assertThat(connection.getCatalog()).isEqualToIgnoringCase(db.name());
                    assertThat(connection.getSchema()).isEqualTo("public").isEqualTo(db.schema());
                }
            }
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    void dataSourceOpensANewConnectionOnEveryCall() throws Exception {
        Connection first = db.dataSource().getConnection();
        try (Connection second = db.dataSource().getConnection()) {
            assertThat(first).isNotSameAs(second);
            first.close();
            assertThat(second.isValid(5)).as("closing one leaves the other open").isTrue();
        } finally {
            first.close();
        }
    }

    @Test
    void dataSourceLogsInAsTheReportedUser() throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            String user = connection.getMetaData().getUserName().toLowerCase(Locale.ROOT);
            assertThat(user).startsWith(db.user().toLowerCase(Locale.ROOT));
            assertThat(db.user()).isNotEmpty();
        }
    }

    @Test
    void executeRunsStatementsInOrderAndQueryForLongBindsParameters() {
        db.execute("CREATE TABLE exec_order (id INTEGER PRIMARY KEY, label VARCHAR(20))",
                "INSERT INTO exec_order (id, label) VALUES (1, 'a')",
                "INSERT INTO exec_order (id, label) VALUES (2, 'b')",
                "UPDATE exec_order SET label = 'c' WHERE id = 2");

        assertThat(db.queryForLong("SELECT COUNT(*) FROM exec_order")).isEqualTo(2);
        assertThat(db.queryForLong("SELECT id FROM exec_order WHERE label = ?", "c")).isEqualTo(2);
    }

    @Test
    void runScriptSplitsAtSemicolonsEndingALine() throws Exception {
        db.runScript("testing/sample-script.sql");

        assertThat(db.queryForLong("SELECT COUNT(*) FROM note")).isEqualTo(3);
        try (Connection connection = db.openConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT body FROM note ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("one; still one");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("two -- not a comment");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Zoë 🚀");
        }
    }

    @Test
    void failingSqlNamesTheStatementAndTheDatabase() {
        assertThatThrownBy(() -> db.execute("SELECT 1", "SELECT * FROM no_such_table"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("statement 2 failed")
                .hasMessageContaining(db.name())
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> db.runScript("testing/no-such-script.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testing/no-such-script.sql");
    }

    @Test
    void siblingIsAnotherEmptyDatabaseOnTheSameServer() {
        db.execute("CREATE TABLE only_in_primary (id INTEGER PRIMARY KEY)");
        try (TestDatabase sibling = db.createSibling()) {
            assertThat(sibling.kind()).isEqualTo(db.kind());
            assertThat(sibling.name()).isNotEqualTo(db.name());
            assertThat(sibling.jdbcUrl()).isNotEqualTo(db.jdbcUrl());
            assertThat(DatabaseProbe.tableCount(sibling)).isZero();
            assertThat(DatabaseProbe.tableCount(db)).isPositive();
        }
    }

    @Test
    void closingASiblingDropsItEvenWithAnOpenTransaction() throws Exception {
        TestDatabase sibling = db.createSibling();
        sibling.execute("CREATE TABLE held (id INTEGER PRIMARY KEY)");
        Connection leaked = sibling.openConnection();
        leaked.setAutoCommit(false);
        try (Statement statement = leaked.createStatement()) {
            statement.execute("INSERT INTO held (id) VALUES (1)");
        }
        assertThat(DatabaseProbe.exists(db, sibling.name())).isTrue();

        sibling.close();

        assertThat(sibling.isClosed()).isTrue();
        assertThat(leaked.isClosed()).isTrue();
        assertThat(DatabaseProbe.exists(db, sibling.name())).isFalse();
        assertThatThrownBy(sibling::createSibling).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringNamesTheDatabaseWithoutSecrets() {
        assertThat(db.toString()).contains(db.kind().displayName(), db.name());
        if (!db.password().isEmpty()) {
            assertThat(db.toString()).doesNotContain(db.password());
        }
    }
}
