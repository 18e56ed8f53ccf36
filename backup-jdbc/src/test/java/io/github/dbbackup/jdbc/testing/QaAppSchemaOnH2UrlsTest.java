package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The H2 script needs no particular URL settings: its names are unquoted and lowercase. */
class QaAppSchemaOnH2UrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "", ";MODE=REGULAR"})
    void createsAndFillsTheSchemaWhateverTheIdentifierCase(String settings) throws Exception {
        String url = "jdbc:h2:mem:qa_" + UUID.randomUUID().toString().replace("-", "") + settings;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            QaAppSchema.create(connection, QaAppSchema.Database.H2);
            Map<String, Integer> rows = QaAppData.insert(connection, QaAppSchema.Database.H2, 2, 7L);

            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM users WHERE team_id IS NOT NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(24);
            }
            assertThat(rows).containsEntry("users", 28).containsEntry("test_cases", 240).hasSize(21);
            statement.execute("SHUTDOWN");
        }
    }
}
