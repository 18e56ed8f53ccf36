package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsTheParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "dbbackup_t_a"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/dbbackup_t_a?user=postgres");
        assertThat(JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306/test?user=root&useSsl=false", "x"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/x?user=root&useSsl=false");
    }

    @Test
    void addsADatabaseToAUrlWithoutOne() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db.example:5432?user=u", "x"))
                .isEqualTo("jdbc:postgresql://db.example:5432/x?user=u");
        assertThat(JdbcUrls.withDatabase("jdbc:mariadb://h1:3306,h2:3306/", "x")).isEqualTo("jdbc:mariadb://h1:3306,h2:3306/x");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:postgres?user=u", "x")).isEqualTo("jdbc:postgresql:x?user=u");
    }

    @Test
    void rejectsSomethingThatIsNotAJdbcUrl() {
        assertThatThrownBy(() -> JdbcUrls.withDatabase("postgres", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a JDBC URL");
    }

    @Test
    void readsADecodedQueryParameterCaseInsensitively() {
        String url = "jdbc:postgresql://h/db?User=post%40gres&password=s3cr%26t&ssl";
        assertThat(JdbcUrls.parameter(url, "user")).contains("post@gres");
        assertThat(JdbcUrls.parameter(url, "password")).contains("s3cr&t");
        assertThat(JdbcUrls.parameter(url, "ssl")).contains("");
        assertThat(JdbcUrls.parameter(url, "missing")).isEmpty();
        assertThat(JdbcUrls.parameter("jdbc:h2:mem:x", "user")).isEmpty();
    }

    @Test
    void masksPasswordsInParametersAndUserInfo() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:mariadb://root:s3cret@h:3306/test")).isEqualTo("jdbc:mariadb://root:****@h:3306/test");
        assertThat(JdbcUrls.mask("jdbc:h2:mem:x;PASSWORD=s3cret")).isEqualTo("jdbc:h2:mem:x;PASSWORD=****");
        assertThat(JdbcUrls.mask("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }
}
