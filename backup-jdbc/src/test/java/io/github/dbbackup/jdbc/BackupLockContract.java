package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** What every {@link JdbcBackupLock} must do on its database: exclude, release, never wait. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackupLockContract {

    TestDatabase db;

    /**
     * Returns a lock that stands for a second holder of the same name: on a database that arbitrates
     * locks, another instance (another connection, as another replica would have); in-process, the
     * same instance.
     */
    abstract BackupLock secondHolder(BackupLock first);

    @BeforeAll
    void keepDatabase(TestDatabase db) {
        this.db = db;
    }

    /** A name unique to the test and its database: MariaDB lock names are server-wide. */
    String name(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName();
        return (db.name() + "-" + method).substring(0, Math.min(BackupLock.MAX_NAME_LENGTH, db.name().length() + 1
                + method.length()));
    }

    @Test
    void secondHolderCannotTakeTheLockWhileTheFirstHoldsItAndCanAfterRelease(TestInfo test) {
        BackupLock first = JdbcBackupLock.of(db.dataSource());
        BackupLock second = secondHolder(first);
        String name = name(test);

        Optional<BackupLock.Handle> held = first.tryLock(name);
        assertThat(held).isPresent();
        assertThat(held.get().name()).isEqualTo(name);
        assertThat(second.tryLock(name)).isEmpty();
        assertThat(first.tryLock(name)).as("not reentrant").isEmpty();

        held.get().close();
        try (BackupLock.Handle again = second.tryLock(name).orElseThrow()) {
            assertThat(again.name()).isEqualTo(name);
            assertThat(first.tryLock(name)).isEmpty();
        }
        first.tryLock(name).orElseThrow().close();
    }

    @Test
    void differentNamesDoNotExcludeEachOther(TestInfo test) {
        BackupLock lock = JdbcBackupLock.of(db.dataSource());
        String name = name(test);
        try (BackupLock.Handle a = lock.tryLock(name + "a").orElseThrow();
                BackupLock.Handle b = secondHolder(lock).tryLock(name + "b").orElseThrow()) {
            assertThat(a.name()).isNotEqualTo(b.name());
        }
    }

    @Test
    void closingAReleasedHandleAgainNeverFreesTheNextHoldersLock(TestInfo test) {
        BackupLock first = JdbcBackupLock.of(db.dataSource());
        BackupLock second = secondHolder(first);
        String name = name(test);
        BackupLock.Handle stale = first.tryLock(name).orElseThrow();
        stale.close();
        try (BackupLock.Handle current = second.tryLock(name).orElseThrow()) {
            stale.close();
            assertThat(first.tryLock(name)).isEmpty();
            assertThat(current.name()).isEqualTo(name);
        }
    }

    @Test
    void concurrentAttemptsYieldExactlyOneHolder(TestInfo test) throws Exception {
        BackupLock first = JdbcBackupLock.of(db.dataSource());
        List<BackupLock> locks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            locks.add(i == 0 ? first : secondHolder(first));
        }
        String name = name(test);
        ExecutorService pool = Executors.newFixedThreadPool(locks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<BackupLock.Handle>>> attempts = new ArrayList<>();
            for (BackupLock lock : locks) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return lock.tryLock(name);
                }));
            }
            start.countDown();
            List<BackupLock.Handle> held = new ArrayList<>();
            for (Future<Optional<BackupLock.Handle>> attempt : attempts) {
                attempt.get(30, TimeUnit.SECONDS).ifPresent(held::add);
            }
            assertThat(held).hasSize(1);
            held.get(0).close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsBlankAndOverlongNames() {
        BackupLock lock = JdbcBackupLock.of(db.dataSource());
        assertThatThrownBy(() -> lock.tryLock(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> lock.tryLock("x".repeat(65))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 64");
        lock.tryLock("x".repeat(64)).orElseThrow().close();
    }
}
