package io.github.dbbackup.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.dialect.h2.H2Dialect;
import io.github.dbbackup.jdbc.dialect.mariadb.MariaDbDialect;
import io.github.dbbackup.jdbc.dialect.postgresql.PostgreSqlDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import org.junit.jupiter.api.Test;

class DialectsTest {

    private static Dialect select(String product) {
        return Dialects.select(new DatabaseProduct(product, "1.0", 1, 0), null);
    }

    @Test
    void choosesTheBuiltInDialectFromTheProductName() {
        assertThat(select("PostgreSQL")).isInstanceOf(PostgreSqlDialect.class);
        assertThat(select("MariaDB")).isInstanceOf(MariaDbDialect.class);
        assertThat(select("MySQL")).isInstanceOf(MariaDbDialect.class);
        assertThat(select("H2")).isInstanceOf(H2Dialect.class);
    }

    @Test
    void fallsBackToTheGenericDialectForAnUnknownProduct() {
        assertThat(select("Apache Derby")).isExactlyInstanceOf(GenericDialect.class);
    }

    @Test
    void anExplicitDialectWinsOverMetadata() {
        Dialect forced = new H2Dialect();
        assertThat(Dialects.select(new DatabaseProduct("PostgreSQL", "15", 15, 0), forced)).isSameAs(forced);
    }

    @Test
    void quotingEscapesEmbeddedQuoteCharacters() {
        assertThat(new PostgreSqlDialect().sql().quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(new H2Dialect().sql().quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(new MariaDbDialect().sql().quote("we`ird")).isEqualTo("`we``ird`");
    }

    @Test
    void postgreSqlReadsEachTableOnlyOnceThroughInheritance() {
        assertThat(new PostgreSqlDialect().sql().fromClause("public", "events")).isEqualTo("ONLY \"public\".\"events\"");
    }

    @Test
    void masksCredentialsInJdbcUrls() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:mariadb://root:s3cret@db:3306/app")).isEqualTo("jdbc:mariadb://***@db:3306/app")
                .doesNotContain("s3cret");
        assertThat(JdbcUrls.mask("jdbc:h2:mem:x;PASSWORD=s3cret;DB_CLOSE_DELAY=-1"))
                .isEqualTo("jdbc:h2:mem:x;PASSWORD=***;DB_CLOSE_DELAY=-1");
    }
}
