package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksUserInfoSecretParametersAndTheLiteralPassword() {
        Masking masking = Masking.of(List.of("hunter22"));
        assertThat(masking.mask("jdbc:postgresql://bob:pw@db:5432/app?user=bob&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://***@db:5432/app?user=bob&password=***&ssl=true");
        assertThat(masking.mask("FATAL: password hunter22 rejected")).isEqualTo("FATAL: password *** rejected");
        assertThat(masking.mask("jdbc:mariadb://db/app;pwd=x")).isEqualTo("jdbc:mariadb://db/app;pwd=***");
        assertThat(masking.mask(null)).isEmpty();
    }

    @Test
    void leavesVeryShortSecretsAloneSoMessagesStayReadable() {
        assertThat(Masking.of(List.of("ab")).mask("table abc")).isEqualTo("table abc");
    }

    @Test
    void joinsProblemListsIntoOneLine() {
        assertThat(DbBackupCli.oneLine("Invalid backup plan:\n  - a\n  - b")).isEqualTo("Invalid backup plan: a; b");
        assertThat(DbBackupCli.oneLine("x\ny")).isEqualTo("x y");
    }

    @Test
    void issue13_aPrintedTraceIsAMaskedCopyOfTheWholeChain() {
        Masking masking = Masking.of(List.of()).and("hunter22");
        Exception chain = new IllegalStateException("outer hunter22",
                new java.sql.SQLException("Incorrect port value : s3cret@db", "08000"));
        java.io.StringWriter trace = new java.io.StringWriter();
        masking.copy(chain).printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).contains("java.lang.IllegalStateException: outer ***")
                .contains("Caused by: java.sql.SQLException: Incorrect port value : ***@db")
                .doesNotContain("hunter22").doesNotContain("s3cret").contains("\tat ");
    }
}
