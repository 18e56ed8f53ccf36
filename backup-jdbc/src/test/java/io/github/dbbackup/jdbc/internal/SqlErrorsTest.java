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
}
