package io.github.dbbackup.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupDatabaseException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void keepsTheSqlStateOfTheRealErrorHiddenInTheChain() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", null, 0, new int[0], null);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint users_pkey",
                "23505", 0));
        BackupDatabaseException wrapped = SqlErrors.wrap("Writing rows into 'users'", batch);
        assertThat(wrapped.sqlState()).isEqualTo("23505");
        assertThat(wrapped.getMessage()).startsWith("Writing rows into 'users' failed: Batch entry 3 was aborted")
                .contains("users_pkey").endsWith("(SQLState 23505, vendor code 0)");
    }

    @Test
    void aLongChainOfRepeatedErrorsStaysOneReadableLine() {
        SQLException head = new SQLException("batch failed", "23505");
        SQLException tail = head;
        for (int i = 0; i < 500; i++) {
            SQLException next = new SQLException(i % 2 == 0 ? "same error" : "row " + i + " " + "x".repeat(2000), "23505");
            tail.setNextException(next);
            tail = next;
        }
        String message = SqlErrors.wrap("Writing rows", head).getMessage();
        assertThat(message).hasSizeLessThan(3000).contains("more").doesNotContain("\n");
    }

    @Test
    void masksPasswordsQuotedByTheDriver() {
        SQLException e = new SQLException("cannot connect to jdbc:postgresql://db/app?user=app&password=s3cret", "08001");
        assertThat(SqlErrors.wrap("Connecting", e).getMessage()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void issue13_dropsRowValuesKeepsConstraintColumnAndTable() {
        assertThat(SqlErrors.scrub("ERROR: duplicate key value violates unique constraint \"people_email_key\"\n"
                + "  Detail: Key (email)=(alice.secret@example.com) already exists."))
                .isEqualTo("ERROR: duplicate key value violates unique constraint \"people_email_key\"\n"
                        + "  Detail: Key (email)=(…) already exists.");
        assertThat(SqlErrors.scrub("ERROR: insert or update on table \"pets\" violates foreign key constraint \"pets_fk\"\n"
                + "  Detail: Key (owner_id, kind)=(7, secret (x)) is not present in table \"owners\"."))
                .endsWith("Key (owner_id, kind)=(…) is not present in table \"owners\".");
        assertThat(SqlErrors.scrub("ERROR: new row for relation \"t\" violates check constraint \"t_e_check\"\n"
                + "  Detail: Failing row contains (3, zz-secret, null).\n  Where: COPY t, line 1: \"1\tzz-secret\t\\N\""))
                .isEqualTo("ERROR: new row for relation \"t\" violates check constraint \"t_e_check\"\n"
                        + "  Detail: Failing row contains (…).\n  Where: COPY t, line 1: \"…\"");
        assertThat(SqlErrors.scrub("ERROR: invalid input syntax for type timestamp: \"secret-ts\"\n"
                + "  Where: COPY t, line 1, column ts: \"secret-ts\""))
                .isEqualTo("ERROR: invalid input syntax for type timestamp: \"…\"\n  Where: COPY t, line 1, column ts: \"…\"");
        assertThat(SqlErrors.scrub("Batch entry 0 INSERT INTO \"t\" (\"id\",\"e\") VALUES (('1'::int4), ('secret'))"
                + " was aborted: ERROR: null value in column \"e\" of relation \"t\" violates not-null constraint\n"
                + "  Detail: Failing row contains (1, secret).  Call getNextException to see other errors in the batch."))
                .isEqualTo("Batch entry 0 was aborted: ERROR: null value in column \"e\" of relation \"t\" violates"
                        + " not-null constraint\n  Detail: Failing row contains (…).  Call getNextException to see"
                        + " other errors in the batch.");
        assertThat(SqlErrors.scrub("(conn=42) Duplicate entry 'alice.secret@example.com' for key 'people_email_key'"))
                .isEqualTo("(conn=42) Duplicate entry '…' for key 'people_email_key'");
        assertThat(SqlErrors.scrub("Incorrect integer value: 'secret' for column `db`.`t`.`n` at row 1"))
                .isEqualTo("Incorrect integer value: '…' for column `db`.`t`.`n` at row 1");
        assertThat(SqlErrors.scrub("Unique index or primary key violation: \"PUBLIC.PEOPLE_EMAIL_KEY_INDEX_8 ON"
                + " PUBLIC.PEOPLE(EMAIL NULLS FIRST) VALUES ( /* 2 */ 'alice.secret@example.com' )\"; SQL statement:\n"
                + "INSERT INTO people (id, email) VALUES (?, ?) [23505-224]"))
                .isEqualTo("Unique index or primary key violation: \"PUBLIC.PEOPLE_EMAIL_KEY_INDEX_8 ON"
                        + " PUBLIC.PEOPLE(EMAIL NULLS FIRST) VALUES (…)\"; SQL statement:\n"
                        + "INSERT INTO people (id, email) VALUES (?, ?) [23505-224]");
        assertThat(SqlErrors.scrub("Referential integrity constraint violation: \"PETS_FK: PUBLIC.PETS FOREIGN KEY(OWNER_ID)"
                + " REFERENCES PUBLIC.OWNERS(ID) (CAST(4711 AS BIGINT))\"; SQL statement:"))
                .doesNotContain("4711").contains("PETS_FK").contains("REFERENCES PUBLIC.OWNERS(ID) (…)");
    }

    @Test
    void issue13_masksUserInfoADriverQuotesWithoutItsSlashes() {
        assertThat(SqlErrors.scrub("Incorrect port value : pwLeak123@127.0.0.1")).doesNotContain("pwLeak123")
                .isEqualTo("Incorrect port value : ***@127.0.0.1");
        assertThat(SqlErrors.scrub("java.net.UnknownHostException: bob:pwLeak123@db")).doesNotContain("pwLeak123");
        assertThat(SqlErrors.scrub("Access denied for user 'bob'@'localhost' (using password: YES)"))
                .isEqualTo("Access denied for user 'bob'@'localhost' (using password: YES)");
    }

    @Test
    void issue13_theCauseChainHandedOnIsAScrubbedCopy() {
        SQLException driver = new SQLException("ERROR: duplicate key\n  Detail: Key (email)=(alice.secret@example.com)"
                + " already exists.", "23505", 7, new java.net.UnknownHostException("bob:pwLeak123@db"));
        driver.setNextException(new SQLException("Failing row contains (1, alice.secret@example.com)", "23514"));
        BackupDatabaseException wrapped = SqlErrors.wrap("Writing rows into 'people'", driver);
        java.io.StringWriter trace = new java.io.StringWriter();
        wrapped.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("alice.secret").doesNotContain("pwLeak123")
                .contains("java.sql.SQLException: ERROR: duplicate key").contains("Key (email)=(…)")
                .contains("Caused by: java.net.UnknownHostException: ***@db");
        assertThat(wrapped.getCause()).isInstanceOfSatisfying(SQLException.class, copy -> {
            assertThat(copy.getSQLState()).isEqualTo("23505");
            assertThat(copy.getErrorCode()).isEqualTo(7);
            assertThat(copy.getStackTrace()).isEqualTo(driver.getStackTrace());
            assertThat(copy.getNextException().getMessage()).isEqualTo("Failing row contains (…)");
        });
    }
}
