package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlBackupLockIT extends BackupLockContract {

    @Override
    BackupLock secondHolder(BackupLock first) {
        return JdbcBackupLock.of(db.dataSource());
    }

    @Test
    void holdsAnAdvisoryLockOnHashtextOfTheNameThatOtherSessionsSee(TestInfo test) throws Exception {
        String name = name(test);
        try (Connection other = db.openConnection()) {
            try (BackupLock.Handle held = JdbcBackupLock.of(db.dataSource()).tryLock(name).orElseThrow()) {
                assertThat(held.name()).isEqualTo(name);
                assertThat(tryAdvisoryLock(other, name)).isFalse();
            }
            assertThat(tryAdvisoryLock(other, name)).isTrue();
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                ps.setString(1, name);
                ps.executeQuery().close();
            }
        }
    }

    @Test
    void aHolderWhoseSessionEndsFreesTheLock(TestInfo test) throws Exception {
        String name = name(test);
        try (Connection crashed = db.openConnection()) {
            assertThat(tryAdvisoryLock(crashed, name)).isTrue();
            assertThat(JdbcBackupLock.of(db.dataSource()).tryLock(name)).isEmpty();
        }
        JdbcBackupLock.of(db.dataSource()).tryLock(name).orElseThrow().close();
    }

    private static boolean tryAdvisoryLock(Connection c, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
