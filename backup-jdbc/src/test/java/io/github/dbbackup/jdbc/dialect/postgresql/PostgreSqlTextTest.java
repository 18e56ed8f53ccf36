package io.github.dbbackup.jdbc.dialect.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.manifest.ValueType;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL's text forms (ISO DateStyle, UTC) read into java.time and written back, without the JVM zone. */
class PostgreSqlTextTest {

    @Test
    void issue12_readsTemporalTextFormsAsProlepticGregorianValues() {
        assertThat(PostgreSqlText.date("0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15));
        assertThat(PostgreSqlText.date("0001-01-01 BC")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(PostgreSqlText.date("1582-10-10")).isEqualTo(LocalDate.of(1582, 10, 10));
        assertThat(PostgreSqlText.date("5874897-12-31")).isEqualTo(LocalDate.of(5_874_897, 12, 31));
        assertThat(PostgreSqlText.date("infinity")).isEqualTo(LocalDate.MAX);
        assertThat(PostgreSqlText.date("-infinity")).isEqualTo(LocalDate.MIN);
        assertThat(PostgreSqlText.time("24:00:00")).isEqualTo(LocalTime.MAX);
        assertThat(PostgreSqlText.time("23:59:59.999999")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(PostgreSqlText.time("00:00:00.5")).isEqualTo(LocalTime.of(0, 0, 0, 500_000_000));
        assertThat(PostgreSqlText.timestamp("0044-03-15 12:00:00.5 BC"))
                .isEqualTo(LocalDateTime.of(-43, 3, 15, 12, 0, 0, 500_000_000));
        assertThat(PostgreSqlText.timestamp("2026-03-29 02:30:00")).isEqualTo(LocalDateTime.of(2026, 3, 29, 2, 30));
        assertThat(PostgreSqlText.timestamp("infinity")).isEqualTo(LocalDateTime.MAX);
        assertThat(PostgreSqlText.timestamptz("1500-01-01 00:00:00+00"))
                .isEqualTo(OffsetDateTime.of(1500, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(PostgreSqlText.timestamptz("0044-03-15 00:00:00.000001+00 BC"))
                .isEqualTo(OffsetDateTime.of(-43, 3, 15, 0, 0, 0, 1000, ZoneOffset.UTC));
        assertThat(PostgreSqlText.timestamptz("1500-01-01 00:00:00-00:53:28"))
                .isEqualTo(OffsetDateTime.of(1500, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, -53, -28)));
        assertThat(PostgreSqlText.timestamptz("2026-01-01 00:00:00+05:30"))
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(PostgreSqlText.timestamptz("infinity")).isEqualTo(OffsetDateTime.MAX);
        assertThat(PostgreSqlText.timestamptz("-infinity")).isEqualTo(OffsetDateTime.MIN);
    }

    @Test
    void issue12_writesWhatItReads() {
        for (String s : List.of("0044-03-15 BC", "0001-01-01 BC", "1582-10-10", "12026-01-01", "infinity", "-infinity")) {
            assertThat(PostgreSqlText.format(PostgreSqlText.date(s))).isEqualTo(s);
        }
        for (String s : List.of("24:00:00", "23:59:59.999999", "00:00:00", "12:34:56.000001")) {
            assertThat(PostgreSqlText.format(PostgreSqlText.time(s))).isEqualTo(s);
        }
        for (String s : List.of("0044-03-15 12:00:00.5 BC", "294276-12-31 23:59:59.999999", "infinity", "-infinity")) {
            assertThat(PostgreSqlText.format(PostgreSqlText.timestamp(s))).isEqualTo(s);
        }
        for (String s : List.of("4713-01-01 00:00:00+00:00 BC", "2026-01-01 00:00:00.25-03:30", "infinity", "-infinity")) {
            assertThat(PostgreSqlText.format(PostgreSqlText.timestamptz(s))).isEqualTo(s);
        }
    }

    @Test
    void issue12_parsesArrayLiteralsWithQuotingNullsAndNesting() throws SQLException {
        assertThat(PostgreSqlText.array("{}", ValueType.STRING, false)).isEmpty();
        assertThat(PostgreSqlText.array("{\"a,b\",\"NULL\",NULL,\"\",\" x \",\"q\\\"z\",\"back\\\\slash\"}",
                ValueType.STRING, false)).containsExactly("a,b", "NULL", null, "", " x ", "q\"z", "back\\slash");
        assertThat(PostgreSqlText.array("{{1,2},{3,NULL}}", ValueType.INTEGER, false))
                .isEqualTo(List.of(List.of(1L, 2L), Arrays.asList(3L, null)));
        assertThat(PostgreSqlText.array("{NaN,Infinity,-Infinity,1.50}", ValueType.DECIMAL, false))
                .containsExactly("NaN", "Infinity", "-Infinity", "1.50");
        assertThat(PostgreSqlText.array("{1.1,NaN}", ValueType.FLOAT, true)).containsExactly(1.1f, Float.NaN);
        assertThat(PostgreSqlText.array("{true,false}", ValueType.BOOLEAN, false)).containsExactly(true, false);
        assertThat(PostgreSqlText.array("{\"\\\\x00ff\"}", ValueType.BINARY, false))
                .singleElement().isEqualTo(new byte[] {0, (byte) 0xff});
        assertThat(PostgreSqlText.array("{\"0044-03-15 BC\",infinity}", ValueType.DATE, false))
                .containsExactly(LocalDate.of(-43, 3, 15), LocalDate.MAX);
    }

    @Test
    void issue12_refusesArraysWithLowerBoundsOtherThanOneWithoutQuotingTheValue() {
        assertThatThrownBy(() -> PostgreSqlText.array("[0:2]={7,8,9}", ValueType.INTEGER, false))
                .isInstanceOf(SQLException.class).hasMessageContaining("lower bound").hasMessageNotContaining("7,8,9")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> PostgreSqlText.array("{1,2", ValueType.INTEGER, false)).isInstanceOf(SQLException.class);
    }
}
