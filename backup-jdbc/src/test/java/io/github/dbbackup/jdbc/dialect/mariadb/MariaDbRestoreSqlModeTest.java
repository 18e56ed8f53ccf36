package io.github.dbbackup.jdbc.dialect.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The restore session's sql_mode (ADR 0009): strict, zero and invalid dates allowed, the rest of the target's kept. */
class MariaDbRestoreSqlModeTest {

    private static List<String> flags(String current) {
        return List.of(MariaDbSessionControl.restoreSqlMode(current).split(","));
    }

    @Test
    void issue12_aTraditionalTargetStaysStrictButAcceptsZeroDates() {
        // What MariaDB reports for SET sql_mode = 'TRADITIONAL,EMPTY_STRING_IS_NULL'; re-setting TRADITIONAL
        // itself would bring NO_ZERO_DATE back, so it is dropped with its zero-date parts.
        assertThat(flags("STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
                + "TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION,EMPTY_STRING_IS_NULL"))
                .containsExactlyInAnyOrder("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "ERROR_FOR_DIVISION_BY_ZERO",
                        "NO_AUTO_CREATE_USER", "NO_ENGINE_SUBSTITUTION", "ALLOW_INVALID_DATES", "NO_AUTO_VALUE_ON_ZERO");
    }

    @Test
    void issue12_aPermissiveTargetBecomesStrict() {
        assertThat(flags("")).containsExactly("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "ALLOW_INVALID_DATES",
                "NO_AUTO_VALUE_ON_ZERO");
        assertThat(flags("ANSI_QUOTES,PIPES_AS_CONCAT")).startsWith("ANSI_QUOTES", "PIPES_AS_CONCAT")
                .contains("STRICT_ALL_TABLES");
    }

    @Test
    void keepsOnlyWordsSoTheModeCannotInjectSql() {
        assertThat(flags("ANSI_QUOTES,X' OR 1=1 --")).doesNotContain("X' OR 1=1 --").contains("ANSI_QUOTES");
    }
}
