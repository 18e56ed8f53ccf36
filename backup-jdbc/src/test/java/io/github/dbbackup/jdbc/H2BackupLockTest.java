package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** On H2 the lock is in-process: it excludes the callers of one instance, as documented. */
@WithDatabase(DatabaseKind.H2)
class H2BackupLockTest extends BackupLockContract {

    @Override
    BackupLock secondHolder(BackupLock first) {
        return first;
    }

    @Test
    void separateInstancesDoNotCoordinateOnH2AsDocumented(TestInfo test) {
        String name = name(test);
        try (BackupLock.Handle a = JdbcBackupLock.of(db.dataSource()).tryLock(name).orElseThrow();
                BackupLock.Handle b = JdbcBackupLock.of(db.dataSource()).tryLock(name).orElseThrow()) {
            assertThat(a.name()).isEqualTo(b.name());
        }
    }

    @Test
    void inProcessLockExcludesUntilReleasedFromAnyThread(TestInfo test) throws Exception {
        BackupLock lock = BackupLock.inProcess();
        String name = name(test);
        BackupLock.Handle held = lock.tryLock(name).orElseThrow();
        assertThat(lock.tryLock(name)).isEmpty();
        Thread releaser = new Thread(held::close);
        releaser.start();
        releaser.join();
        lock.tryLock(name).orElseThrow().close();
    }
}
