package io.github.dbbackup.core.catalog;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.event.Operation;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.OperationEvents;
import io.github.dbbackup.core.internal.SafeAudit;
import io.github.dbbackup.core.internal.codec.CodecRegistry;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.format.PartReader;
import io.github.dbbackup.core.internal.format.PartStreams;
import io.github.dbbackup.core.internal.format.SidecarCodec;
import io.github.dbbackup.core.internal.store.SetScan;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.core.spi.RestoreTarget;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads a backup set and reports every problem it finds, at a {@link VerificationLevel}.
 *
 * <p>A failed check never throws: the {@link VerificationResult} lists each problem with the key of
 * the blob concerned and the reason, and the verifier carries on with the next part, so that one
 * run reports every bad part. The result is written beside the manifest as the sidecar
 * {@code <id>/verification.json} (the manifest itself is immutable), where {@link BackupCatalog}
 * shows it, and is audited as {@code BACKUP_VERIFIED} (details: level, durationMs, parts, rows) or
 * {@code BACKUP_VERIFY_FAILED} (details: level, part, reason, problems, durationMs; part and reason
 * of the first problem). When the set has no manifest at all, nothing is written into the store
 * (its backup may still be running), but the failure is returned and audited.
 *
 * <p>Listeners hear {@link Operation#VERIFY}: {@code operationStarted} once the manifest is read
 * (with the exact rows the check will read: none at {@code QUICK}), then at {@code FULL} and
 * {@code RESTORE_TEST} each table's start, rows, parts that passed, and finish, and last
 * {@code operationFinished} when the result is OK, else {@code operationFailed} with the reason
 * {@code VerificationProblems} (or the class of an exception thrown). A test restore's own progress is
 * not reported.
 *
 * <p>Immutable and thread-safe; each call opens its own streams.
 *
 * <pre>{@code
 * BackupVerifier verifier = BackupVerifier.builder().store(store).audit(audit).build();
 * VerificationResult result = verifier.verify(id, VerificationLevel.FULL);
 * if (!result.isOk()) {
 *     result.problems().forEach(p -> log.error("{}: {}", p.key(), p.reason()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class BackupVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(BackupVerifier.class);

    /** The {@code operationFailed} reason of a verification that found problems. */
    private static final String PROBLEMS_REASON = "VerificationProblems";

    private final BlobStore store;
    private final AuditSink audit;
    private final Clock clock;
    private final RestoreTarget restoreTestTarget;
    private final Listeners listeners;

    private BackupVerifier(Builder b) {
        this.store = b.store;
        this.audit = b.audit;
        this.clock = b.clock;
        this.restoreTestTarget = b.restoreTestTarget;
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
     * Verifies one set at {@code level}, records the result as its sidecar and audits it.
     *
     * @param id the backup id
     * @param level how thoroughly: {@link VerificationLevel#QUICK} or {@link VerificationLevel#FULL}
     * @return the result; {@link VerificationResult#isOk()} says whether every check passed
     * @throws BackupConfigurationException when {@code level} is {@link VerificationLevel#RESTORE_TEST}
     *     and no {@link Builder#restoreTestTarget(RestoreTarget) scratch target} was given
     * @throws IllegalArgumentException when {@code id} is not a backup id
     */
    public VerificationResult verify(String id, VerificationLevel level) {
        Objects.requireNonNull(level, "level");
        BackupCatalog.requireId(id);
        if (level == VerificationLevel.RESTORE_TEST && restoreTestTarget == null) {
            throw new BackupConfigurationException("Verification level RESTORE_TEST needs a scratch database to restore"
                    + " into; build the verifier with .restoreTestTarget(JdbcTarget.of(scratchDataSource)), or verify '"
                    + id + "' with VerificationLevel.FULL");
        }
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        OperationEvents events = new OperationEvents(listeners, Operation.VERIFY, id, clock, start);
        try {
            Run run = new Run(id, level, events);
            Manifest manifest = run.manifest();
            if (manifest != null) {
                long expectedRows = level == VerificationLevel.QUICK ? 0
                        : manifest.parts().stream().mapToLong(PartInfo::rows).sum();
                events.started(manifest.tables().size(), expectedRows, true);
                run.checkParts(manifest);
                if (level == VerificationLevel.RESTORE_TEST && run.problems.isEmpty()) {
                    run.testRestore();
                }
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            Instant end = clock.instant();
            if (end.isBefore(start)) {
                end = start;
            }
            VerificationResult result = new VerificationResult(id, level, end, duration, run.partsChecked, run.rows,
                    run.problems);
            if (run.manifestFound) {
                writeSidecar(result);
            }
            report(result);
            if (result.isOk()) {
                events.finished(manifest.tables().size(), result.rowsChecked(), run.bytesRead);
            } else {
                events.failed(PROBLEMS_REASON, problemsMessage(result.problems()));
            }
            return result;
        } catch (RuntimeException e) {
            events.failed(e);
            throw e;
        }
    }

    /** Says how many problems there are and what the first one is, for {@code operationFailed}. */
    private static String problemsMessage(List<VerificationProblem> problems) {
        return problems.size() == 1 ? "1 problem: " + problems.get(0).reason()
                : problems.size() + " problems; the first: " + problems.get(0).reason();
    }

    private void writeSidecar(VerificationResult result) {
        String key = result.backupId() + "/" + SetScan.VERIFICATION_FILE;
        try {
            store.put(key, out -> SidecarCodec.writeVerification(result, out));
        } catch (BackupException e) {
            LOG.warn("{}: could not record the verification result in '{}'; the catalog will not show it: {}",
                    result.backupId(), key, e.getMessage());
        }
    }

    private void report(VerificationResult result) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("level", result.level().name());
        if (result.isOk()) {
            LOG.info("{}: verified clean at {}: {} parts, {} rows in {} ms", result.backupId(), result.level(),
                    result.partsChecked(), result.rowsChecked(), result.duration().toMillis());
            details.put("durationMs", result.duration().toMillis());
            details.put("parts", result.partsChecked());
            details.put("rows", result.rowsChecked());
            SafeAudit.record(audit, new AuditEvent(AuditAction.BACKUP_VERIFIED, result.verifiedAt(),
                    result.backupId(), details));
        } else {
            for (VerificationProblem p : result.problems()) {
                LOG.error("{}: verification at {} failed: {}", result.backupId(), result.level(), p.reason());
            }
            VerificationProblem first = result.problems().get(0);
            details.put("part", first.key());
            details.put("reason", first.reason());
            details.put("problems", result.problems().size());
            details.put("durationMs", result.duration().toMillis());
            SafeAudit.record(audit, new AuditEvent(AuditAction.BACKUP_VERIFY_FAILED, result.verifiedAt(),
                    result.backupId(), details));
        }
    }

    /** The state of one verification. */
    private final class Run {
        private final String id;
        private final VerificationLevel level;
        private final OperationEvents events;
        private final List<VerificationProblem> problems = new ArrayList<>();
        private boolean manifestFound;
        private Codec codec;
        private int partsChecked;
        private long rows;
        private long bytesRead;

        Run(String id, VerificationLevel level, OperationEvents events) {
            this.id = id;
            this.level = level;
            this.events = events;
        }

        void testRestore() {
            try {
                RestoreReport report = Restorer.builder().store(store).target(restoreTestTarget).audit(AuditSink.noop())
                        .clock(clock).build().testRestore(id);
                LOG.info("{}: test restore of {} rows passed every check and was rolled back", id, report.totalRows());
            } catch (BackupException e) {
                problems.add(new VerificationProblem(id + "/", "Test restore of '" + id + "' into the scratch database"
                        + " failed (nothing was kept): " + e.getMessage()));
            }
        }

        /**
         * Reads the manifest; on failure records the problem and returns {@code null}. Sets
         * {@link #manifestFound} once the manifest blob could be opened.
         */
        Manifest manifest() {
            String key = Manifest.keyOf(id);
            Manifest manifest;
            try (InputStream in = store.open(key)) {
                manifestFound = true; // from here on a sidecar may go beside it
                manifest = ManifestCodec.read(in, key);
            } catch (BlobNotFoundException e) {
                problems.add(new VerificationProblem(key, "Backup set '" + id + "' has no manifest in "
                        + store.describe() + ": it does not exist or is incomplete (its backup failed or is still"
                        + " running); verify one of the complete sets that BackupCatalog.list() returns"));
                return null;
            } catch (IOException | RuntimeException e) {
                problems.add(new VerificationProblem(key, reason(key, e)));
                return null;
            }
            if (!manifest.id().equals(id)) {
                problems.add(new VerificationProblem(key, "Manifest '" + key + "' describes set '" + manifest.id()
                        + "', not '" + id + "'; it was copied from another set: restore from another set"));
                return null;
            }
            try {
                codec = Codecs.byId(manifest.codec());
            } catch (IllegalArgumentException e) {
                problems.add(new VerificationProblem(key, CodecRegistry.unreadable(manifest.id(), manifest.codec(), e)));
                return null;
            }
            return manifest;
        }

        void checkParts(Manifest manifest) {
            Map<String, BlobInfo> stored = new LinkedHashMap<>();
            try {
                store.list(id + "/").forEach(b -> stored.put(b.key(), b));
            } catch (RuntimeException e) {
                problems.add(new VerificationProblem(id + "/", "Listing backup set '" + id + "' in " + store.describe()
                        + " failed: " + e.getMessage() + "; check the store and verify again"));
                return;
            }
            Set<String> failed = new HashSet<>();
            for (PartInfo part : manifest.parts()) {
                partsChecked++;
                BlobInfo blob = stored.get(part.key());
                if (blob == null) {
                    failed.add(part.key());
                    problems.add(new VerificationProblem(part.key(), "Part '" + part.key() + "' is missing from "
                            + store.describe() + "; the set is unusable: restore from another backup set or re-run"
                            + " the backup"));
                } else if (blob.size() != part.bytes()) {
                    failed.add(part.key());
                    problems.add(new VerificationProblem(part.key(), "Part '" + part.key() + "' has " + blob.size()
                            + " bytes in the store but the manifest records " + part.bytes() + "; it is truncated or"
                            + " corrupt: restore from another backup set or re-run the backup"));
                }
            }
            if (level == VerificationLevel.QUICK) {
                return;
            }
            Map<String, TableCheck> tables = new LinkedHashMap<>();
            for (PartInfo part : manifest.parts()) {
                tables.computeIfAbsent(part.table(), t -> new TableCheck()).parts++;
            }
            for (PartInfo part : manifest.parts()) {
                TableCheck check = tables.get(part.table());
                if (check.done == 0) {
                    events.tableStarted(part.table(), manifest.table(part.table()).map(BackedUpTable::rows).orElse(-1L));
                }
                if (!failed.contains(part.key())) { // else already reported; streaming it would only say the same again
                    BackedUpTable table = manifest.table(part.table()).orElseThrow();
                    try {
                        OperationEvents.Rows progress = events.rows(part.table());
                        long count = stream(part, table, codec, progress);
                        rows += count;
                        bytesRead += part.bytes();
                        check.rows += count;
                        check.bytes += part.bytes();
                        progress.flush();
                        events.partDone(part.table(), part);
                    } catch (IOException | RuntimeException e) {
                        problems.add(new VerificationProblem(part.key(), reason(part.key(), e)));
                    }
                }
                if (++check.done == check.parts) {
                    events.tableFinished(part.table(), check.rows, check.bytes);
                }
            }
        }

        /** Streams one part as {@link io.github.dbbackup.core.BackupReader#forEachRow} does, and checks its row count. */
        private long stream(PartInfo part, BackedUpTable table, Codec codec, OperationEvents.Rows progress)
                throws IOException {
            long count = 0;
            try (InputStream in = PartStreams.open(store, part, codec);
                    PartReader reader = new PartReader(in, part.key(), part.table(), part.index(), table.schema().columns())) {
                while (reader.next()) {
                    count++;
                    progress.row();
                }
                byte[] buffer = new byte[8192];
                while (in.read(buffer) >= 0) {
                    // to the end, so that the size and SHA-256 checks always run
                }
            }
            if (count != part.rows()) {
                throw new BackupFormatException(part.key(), "Part '" + part.key() + "' holds " + count
                        + " rows but the manifest records " + part.rows()
                        + "; the set is inconsistent: restore from another backup set");
            }
            return count;
        }

        private String reason(String key, Exception e) {
            if (e instanceof BackupException) {
                return e.getMessage();
            }
            if (e instanceof IOException) {
                return "Reading '" + key + "' from " + store.describe() + " failed: " + e.getMessage()
                        + "; check the store and verify again";
            }
            return "Checking '" + key + "' failed: " + e + "; the set may be corrupt: restore from another backup set";
        }
    }

    /** One table of a FULL check: its parts in the manifest, those checked so far, and what passed. */
    private static final class TableCheck {
        private int parts;
        private int done;
        private long rows;
        private long bytes;
    }

    /**
     * Builds {@link BackupVerifier}. Mutable and single-use.
     *
     * <p>Extension point: {@link VerificationLevel#RESTORE_TEST} will be enabled by a builder method
     * that plugs in a restore tester (a {@link Restorer} onto a scratch target); until then
     * {@link BackupVerifier#verify} refuses that level.
     *
     * @since 0.1
     */
    public static final class Builder {
        private BlobStore store;
        private AuditSink audit = AuditSink.slf4j();
        private Clock clock = Clock.systemUTC();
        private final List<ProgressListener> listeners = new ArrayList<>();
        private RestoreTarget restoreTestTarget;

        /**
         * Enables {@link VerificationLevel#RESTORE_TEST}: after the FULL checks the set is restored
         * into this scratch target with every restore check (order, cycles, row counts, foreign keys,
         * sequences), and the transaction is rolled back, leaving the scratch database as it was.
         * The scratch database must hold the schema with empty tables.
         *
         * @param target e.g. {@code JdbcTarget.of(scratchDataSource)}
         * @return this builder
         */
        public Builder restoreTestTarget(RestoreTarget target) {
            this.restoreTestTarget = target;
            return this;
        }

        private Builder() {
        }

        /**
         * Sets the store holding the sets (required).
         *
         * @param store the store; the host keeps ownership
         * @return this builder
         */
        public Builder store(BlobStore store) {
            this.store = store;
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
         * Sets the clock that stamps results and events (default UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Adds a listener that hears this verification's progress (may be called several times; listeners are
         * called in order). A listener that throws is logged and never fails the verification.
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
         * @return the verifier
         * @throws BackupConfigurationException naming each missing or invalid property
         */
        public BackupVerifier build() {
            List<String> problems = new ArrayList<>();
            if (store == null) {
                problems.add("store is missing; pass e.g. .store(FileSystemBlobStore.of(Path.of(\"backups\")))");
            }
            if (audit == null) {
                problems.add("audit was null; pass AuditSink.noop() to record nothing");
            }
            if (clock == null) {
                problems.add("clock was null; omit it for the UTC system clock");
            }
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid verifier configuration", problems);
            }
            return new BackupVerifier(this);
        }
    }
}
