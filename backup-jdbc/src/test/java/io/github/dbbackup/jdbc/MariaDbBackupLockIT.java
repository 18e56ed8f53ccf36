package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbBackupLockIT extends BackupLockContract {

    @Override
    BackupLock secondHolder(BackupLock first) {
        return JdbcBackupLock.of(db.dataSource());
    }

    @Test
    void holdsAGetLockThatOtherSessionsSee(TestInfo test) throws Exception {
        String name = name(test);
        try (Connection other = db.openConnection()) {
            try (BackupLock.Handle held = JdbcBackupLock.of(db.dataSource()).tryLock(name).orElseThrow()) {
                assertThat(held.name()).isEqualTo(name);
                assertThat(isFreeLock(other, name)).isFalse();
            }
            assertThat(isFreeLock(other, name)).isTrue();
        }
    }

    @Test
    void aHolderWhoseSessionEndsFreesTheLock(TestInfo test) throws Exception {
        String name = name(test);
        try (Connection crashed = db.openConnection();
                PreparedStatement ps = crashed.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(JdbcBackupLock.of(db.dataSource()).tryLock(name)).isEmpty();
        }
        JdbcBackupLock.of(db.dataSource()).tryLock(name).orElseThrow().close();
    }

    private static boolean isFreeLock(Connection c, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT IS_FREE_LOCK(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
