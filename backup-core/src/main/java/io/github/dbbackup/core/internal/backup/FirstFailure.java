package io.github.dbbackup.core.internal.backup;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first failure of an export, shared by its workers. Once one is recorded every worker stops at
 * its next row ({@link #stopIfFailed()}); what the stopped workers throw then is a consequence, not a
 * cause, and {@link #record} drops it. The caller rethrows the first failure after every worker ended.
 * Thread-safe.
 */
final class FirstFailure {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private final String id;
    private final AtomicReference<RuntimeException> first = new AtomicReference<>();

    FirstFailure(String id) {
        this.id = id;
    }

    /**
     * Records a failure; only the first one counts.
     *
     * @param failure what a worker (or the caller) ran into
     */
    void record(RuntimeException failure) {
        if (!first.compareAndSet(null, failure)) {
            LOG.debug("{}: export worker stopped after the first failure: {}", id, failure.toString());
        }
    }

    /** Returns whether a failure was recorded. */
    boolean isFailed() {
        return first.get() != null;
    }

    /**
     * Stops the calling worker when another one failed.
     *
     * @throws Stopped when a failure was recorded
     */
    void stopIfFailed() {
        if (first.get() != null) {
            throw new Stopped();
        }
    }

    /**
     * Throws the first failure, if any.
     *
     * @throws RuntimeException the first failure recorded
     */
    void rethrow() {
        RuntimeException failure = first.get();
        if (failure != null) {
            throw failure;
        }
    }

    /** The signal that stops a worker because another failed; it is never the failure reported. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("export stopped after another worker failed", null, false, false);
        }
    }
}
