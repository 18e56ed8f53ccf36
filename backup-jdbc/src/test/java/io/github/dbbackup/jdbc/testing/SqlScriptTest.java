package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void endsAStatementOnlyAtASemicolonEndingALine() {
        String script = "-- header\r\nCREATE TABLE t (\n  a INT\n);\n\nINSERT INTO t VALUES (1); -- no\n;\n"
                + "INSERT INTO t VALUES ('x;y');  \nSELECT 1";

        assertThat(SqlScript.split(script)).containsExactly(
                "CREATE TABLE t (\n  a INT\n)",
                "INSERT INTO t VALUES (1); -- no",
                "INSERT INTO t VALUES ('x;y')",
                "SELECT 1");
    }

    @Test
    void skipsCommentLinesAndEmptyStatements() {
        assertThat(SqlScript.split("  -- only a comment\n;\n\n")).isEmpty();
    }

    @Test
    void loadsAClasspathResourceWithOrWithoutALeadingSlash() {
        assertThat(SqlScript.load("testing/sample-script.sql")).hasSize(4);
        assertThat(SqlScript.load("/testing/sample-script.sql")).hasSize(4);
    }

    @Test
    void namesAMissingResource() {
        assertThatThrownBy(() -> SqlScript.load("testing/missing.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SQL script 'testing/missing.sql' is not on the test classpath");
    }
}
