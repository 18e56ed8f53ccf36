package io.github.dbbackup.jdbc;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lock behind {@link BackupLock#inProcess()}: names held by the callers of this instance, in
 * one JVM. Not reentrant; a handle may be released from any thread. Thread-safe.
 */
final class InProcessBackupLock implements BackupLock {
    private final ConcurrentMap<String, Object> held = new ConcurrentHashMap<>();

    InProcessBackupLock() {
    }

    @Override
    public Optional<Handle> tryLock(String name) {
        BackupLock.checkName(name);
        Object token = new Object();
        if (held.putIfAbsent(name, token) != null) {
            return Optional.empty();
        }
        AtomicBoolean closed = new AtomicBoolean();
        return Optional.of(new Handle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    held.remove(name, token);
                }
            }

            @Override
            public String toString() {
                return "in-process lock '" + name + "'";
            }
        });
    }

    @Override
    public String toString() {
        return "BackupLock.inProcess()";
    }
}
