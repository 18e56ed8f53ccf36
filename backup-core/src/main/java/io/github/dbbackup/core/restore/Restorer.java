package io.github.dbbackup.core.restore;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.SafeAudit;
import io.github.dbbackup.core.internal.restore.RestoreRunner;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.RestoreTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Restores a backup set into a target in foreign-key order, all or nothing. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Restorer restorer = Restorer.builder()
 *     .store(store)
 *     .target(JdbcTarget.of(dataSource))
 *     .build();
 * RestorePlan plan = restorer.preflight("latest");   // dry run: validates, writes nothing
 * RestoreReport report = restorer.restore("latest");
 * report.checklist().forEach(System.out::println);
 * }</pre>
 *
 * <p>Before anything is written, the manifest is read and the target schema compared with it
 * (missing tables or columns, incompatible types, NOT NULL columns without a value, extra tables);
 * then every table is written in one transaction, each part's SHA-256 checked as it streams. Any
 * failure rolls the transaction back: the target is as it was.
 *
 * @since 0.1
 */
public final class Restorer {

    /** The id alias for the newest complete set in the store. */
    public static final String LATEST = "latest";

    private final BlobStore store;
    private final RestoreTarget target;
    private final AuditSink audit;
    private final Clock clock;
    private final RestoreOptions options;
    private final Listeners listeners;

    private Restorer(Builder b) {
        this.store = b.store;
        this.target = b.target;
        this.audit = b.audit;
        this.clock = b.clock;
        this.options = b.options;
        this.listeners = Listeners.of(b.listeners);
    }

    /**
     * Starts a builder.
     *
     * @return a new single-use builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a restore without writing anything (dry run): reads the manifest, compares the
     * target schema, checks the mode's preconditions, and computes the order and cycle strategies.
     *
     * @param backupId a set id, or {@link #LATEST}
     * @return the plan
     * @throws io.github.dbbackup.core.SchemaMismatchException listing every mismatch (strict mode) or unmet precondition
     * @throws io.github.dbbackup.core.BackupFormatException when the manifest is corrupt or of an unknown version
     * @throws BlobNotFoundException when the set does not exist or is incomplete
     */
    public RestorePlan preflight(String backupId) {
        return runner().preflight(resolve(backupId));
    }

    /**
     * Restores a set: preflight, then every table in one transaction, then checks, then commit.
     * Records {@code DATABASE_RESTORE_COMPLETED} or {@code DATABASE_RESTORE_FAILED}.
     *
     * @param backupId a set id, or {@link #LATEST}
     * @return the report, with the post-restore checklist
     * @throws BackupException for any failure; nothing was committed then
     */
    public RestoreReport restore(String backupId) {
        String id;
        try {
            id = resolve(backupId);
        } catch (BackupException e) {
            // no set to restore is a failed restore too: whoever watches the audit trail must see it
            java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("cause", e.getMessage());
            details.put("type", e.getClass().getSimpleName());
            details.put("durationMs", 0L);
            SafeAudit.record(audit, new io.github.dbbackup.core.spi.AuditEvent(
                    io.github.dbbackup.core.spi.AuditAction.DATABASE_RESTORE_FAILED, clock.instant(), backupId, details));
            throw e;
        }
        return runner().restore(id);
    }

    /**
     * Restores a set with every write and check of {@link #restore}, then rolls the transaction back
     * instead of committing: proof that the set restores into this target, leaving it as it was.
     * Audits nothing. Sequence changes a database can only make after commit (H2) are skipped.
     *
     * @param backupId a set id, or {@link #LATEST}
     * @return the report of the rolled-back restore
     * @throws BackupException when the restore would fail
     */
    public RestoreReport testRestore(String backupId) {
        return runner().testRestore(resolve(backupId));
    }

    private RestoreRunner runner() {
        return new RestoreRunner(store, target, audit, clock, options, listeners);
    }

    private String resolve(String backupId) {
        if (!LATEST.equals(backupId)) {
            return backupId;
        }
        return BackupCatalog.of(store).latest().map(BackupSetInfo::id).orElseThrow(() -> new BlobNotFoundException("",
                "There is no complete backup set in " + store.describe() + "; run a backup first, or point at the"
                        + " store that holds them"));
    }

    /**
     * Builds a {@link Restorer}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private BlobStore store;
        private RestoreTarget target;
        private AuditSink audit = AuditSink.slf4j();
        private Clock clock = Clock.systemUTC();
        private RestoreOptions options = RestoreOptions.defaults();
        private final List<ProgressListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets where the sets are (required).
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(BlobStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets where to restore (required), e.g. {@code JdbcTarget.of(dataSource)}.
         *
         * @param target the target
         * @return this builder
         */
        public Builder target(RestoreTarget target) {
            this.target = target;
            return this;
        }

        /**
         * Sets where audit events go (default {@link AuditSink#slf4j()}).
         *
         * @param audit the sink
         * @return this builder
         */
        public Builder audit(AuditSink audit) {
            this.audit = audit;
            return this;
        }

        /**
         * Sets the clock that stamps audit events (default UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets the options (default {@link RestoreOptions#defaults()}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(RestoreOptions options) {
            this.options = options;
            return this;
        }

        /**
         * Adds a listener that hears this restore's progress (may be called several times; listeners are
         * called in order). A listener that throws is logged and never fails the restore.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ProgressListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates and builds, reporting every problem at once.
         *
         * @return the restorer
         * @throws BackupConfigurationException naming each missing property
         */
        public Restorer build() {
            List<String> problems = new ArrayList<>();
            if (store == null) {
                problems.add("store is missing; pass the BlobStore that holds the backup sets");
            }
            if (target == null) {
                problems.add("target is missing; pass e.g. .target(JdbcTarget.of(dataSource))");
            }
            if (audit == null) {
                problems.add("audit was null; pass AuditSink.noop() to record nothing");
            }
            if (clock == null) {
                problems.add("clock was null; omit it for the UTC system clock");
            }
            if (options == null) {
                problems.add("options was null; omit it for RestoreOptions.defaults()");
            }
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid restore configuration", problems);
            }
            return new Restorer(this);
        }
    }
}
