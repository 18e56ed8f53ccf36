package io.github.dbbackup.jdbc;

import java.util.Objects;
import java.util.Optional;

/**
 * A named, non-blocking, mutually exclusive lock that makes one backup run at a time, e.g. when
 * several replicas of a service fire the same 03:00 job. {@link #tryLock(String)} either takes the
 * lock at once or reports that someone else holds it; it never waits.
 *
 * <pre>{@code
 * BackupLock backupLock = JdbcBackupLock.of(dataSource);   // once, like Backups
 * Optional<BackupLock.Handle> lock = backupLock.tryLock("dbbackup");
 * if (lock.isEmpty()) {
 *     return;                                             // another replica is backing up
 * }
 * try (BackupLock.Handle held = lock.get()) {
 *     job.run();
 * }
 * }</pre>
 *
 * <p>Locks are not reentrant: a second {@code tryLock} of a held name fails, even from the same
 * thread. Implementations are thread-safe; a handle may be closed from any thread.
 *
 * <p>{@link JdbcBackupLock} coordinates through the database (PostgreSQL advisory locks, MariaDB
 * {@code GET_LOCK}); {@link #inProcess()} only within one JVM.
 *
 * @since 0.1
 */
public interface BackupLock {

    /**
     * The longest lock name, in characters: 64, MariaDB's and MySQL's limit for {@code GET_LOCK},
     * applied everywhere so a name that works on one database works on all.
     */
    int MAX_NAME_LENGTH = 64;

    /**
     * Takes the lock if no one holds it.
     *
     * @param name the lock's name, 1 to {@value #MAX_NAME_LENGTH} characters, not blank; every
     *     holder that must exclude the others uses the same name
     * @return the held lock, which the caller must close to release it; empty when someone else
     *     holds it
     * @throws IllegalArgumentException when the name is blank or too long
     * @throws io.github.dbbackup.core.BackupDatabaseException when a database-backed lock cannot be
     *     asked (no connection, SQL failure)
     */
    Optional<Handle> tryLock(String name);

    /**
     * A lock that coordinates only the callers of the returned instance, inside one JVM: it does
     * <b>not</b> coordinate separate JVMs or replicas. Share one instance between everything that
     * must exclude each other.
     *
     * @return a new in-process lock
     */
    static BackupLock inProcess() {
        return new InProcessBackupLock();
    }

    /**
     * Checks a lock name against the rules of {@link #tryLock(String)}.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException when it is blank or longer than {@value #MAX_NAME_LENGTH} characters
     */
    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("lock name was '" + name + "' but it must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("lock name was " + name.length() + " characters long ('" + name
                    + "') but it must be at most " + MAX_NAME_LENGTH);
        }
        return name;
    }

    /**
     * A held lock. Closing it releases the lock; closing it again does nothing.
     *
     * @since 0.1
     */
    interface Handle extends AutoCloseable {

        /**
         * Returns the lock's name.
         *
         * @return the name passed to {@link BackupLock#tryLock(String)}
         */
        String name();

        /**
         * Releases the lock. Never throws: a release that fails is logged, and a database-backed
         * lock is then freed by ending its session.
         */
        @Override
        void close();
    }
}
