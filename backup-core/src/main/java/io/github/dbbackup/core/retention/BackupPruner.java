package io.github.dbbackup.core.retention;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.IncompleteSet;
import io.github.dbbackup.core.catalog.UnreadableSet;
import io.github.dbbackup.core.internal.Durations;
import io.github.dbbackup.core.internal.SafeAudit;
import io.github.dbbackup.core.internal.store.SetScan;
import io.github.dbbackup.core.internal.store.StoreContents;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the backup sets a {@link RetentionPolicy} no longer keeps, and sweeps incomplete sets.
 *
 * <p>Invariants, whatever the policy:
 * <ul>
 *   <li>only complete sets (manifest present and readable) count for the rules;</li>
 *   <li>the newest complete set is never deleted, however old it is (backups may have been failing
 *       for weeks);</li>
 *   <li>when any set carries a successful verification, the newest verified set is never deleted
 *       either;</li>
 *   <li>pinned sets ({@link io.github.dbbackup.core.catalog.BackupCatalog#pin}) are never deleted;</li>
 *   <li>sets whose manifest exists but cannot be read are never deleted (they may come from a newer
 *       dbbackup); an operator handles them;</li>
 *   <li>incomplete sets (no manifest) are swept, with all their blobs, once they are idle for longer
 *       than the grace period (default 24 hours), never sooner: their backup may still be running.
 *       Idle is judged by the store's own timestamps, not by this pruner's clock: before deleting
 *       anything the pruner stores a sweep marker in the set, lists it again, and sweeps only when
 *       the marker's timestamp is more than the grace period after the set's newest other blob (a
 *       running backup refreshes its lease every minute) and the set has no manifest; the marker
 *       goes last, and a backup that sees it (or a part gone) does not commit (decision 0015);</li>
 *   <li>a set is deleted manifest first, then its parts and sidecars, so a half-deleted set is
 *       incomplete and never listed; if the store fails midway, the failure is reported and a later
 *       prune sweeps the rest;</li>
 *   <li>keys that do not start with a backup id are never touched.</li>
 * </ul>
 *
 * <p>{@link #plan()} is the dry run: it explains every decision and changes nothing.
 * {@link #prune()} makes the same plan and executes it, auditing {@code BACKUP_PRUNED} for every set
 * it deletes or sweeps (details: reason, blobs, bytes). "Now" comes from the clock. Immutable and
 * thread-safe, but two prunes of the same store should not run at once (a database lock, as for
 * backups, keeps replicas apart).
 *
 * <pre>{@code
 * BackupPruner pruner = BackupPruner.builder()
 *     .store(store)
 *     .policy(RetentionPolicy.keepDaily(7).and(RetentionPolicy.keepWeekly(4)))
 *     .build();
 * System.out.println(pruner.plan().describe()); // dry run
 * PruneResult result = pruner.prune();
 * }</pre>
 *
 * @since 0.1
 */
public final class BackupPruner {
    private static final Logger LOG = LoggerFactory.getLogger(BackupPruner.class);

    /** Default age after which an incomplete set is swept: 24 hours. */
    public static final Duration DEFAULT_INCOMPLETE_GRACE_PERIOD = Duration.ofHours(24);

    private final BlobStore store;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final AuditSink audit;
    private final Duration gracePeriod;

    private BackupPruner(Builder b) {
        this.store = b.store;
        this.policy = b.policy;
        this.clock = b.clock;
        this.audit = b.audit;
        this.gracePeriod = b.incompleteGracePeriod;
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
     * Returns the store this pruner deletes from.
     *
     * @return the store
     */
    public BlobStore store() {
        return store;
    }

    /**
     * Returns the retention policy.
     *
     * @return the policy
     */
    public RetentionPolicy policy() {
        return policy;
    }

    /**
     * Returns the clock that says "now" for this pruner's age rules.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns how old an incomplete set must be before it is swept.
     *
     * @return the grace period
     */
    public Duration incompleteGracePeriod() {
        return gracePeriod;
    }

    /**
     * Decides, without changing anything, what a prune would do with every set, and why. This is
     * the dry run.
     *
     * @return the plan, one decision per set, oldest first
     * @throws io.github.dbbackup.core.BackupStorageException when the store cannot be listed or a manifest cannot be read
     */
    public PrunePlan plan() {
        Instant now = clock.instant();
        StoreContents contents = StoreContents.read(store);
        List<BackupSetInfo> newestFirst = new ArrayList<>(contents.complete());
        Collections.reverse(newestFirst);
        Map<String, List<String>> policyReasons = policy.keepReasons(newestFirst, now);
        String newest = newestFirst.isEmpty() ? null : newestFirst.get(0).id();
        String newestVerified = newestFirst.stream().filter(BackupSetInfo::isVerified).map(BackupSetInfo::id)
                .findFirst().orElse(null);

        List<PruneDecision> decisions = new ArrayList<>();
        for (BackupSetInfo set : contents.complete()) {
            List<String> reasons = new ArrayList<>();
            if (set.id().equals(newest)) {
                reasons.add("kept: newest complete set");
            }
            if (set.id().equals(newestVerified)) {
                reasons.add("kept: newest verified set");
            }
            if (set.pinned()) {
                reasons.add("kept: pinned");
            }
            reasons.addAll(policyReasons.get(set.id()));
            PruneDecision.Action action = PruneDecision.Action.KEEP;
            if (reasons.isEmpty()) {
                action = PruneDecision.Action.DELETE;
                reasons.add(policy.deleteReason());
            }
            decisions.add(new PruneDecision(set.id(), set.createdAt(), action, reasons, bytes(contents, set.id())));
        }
        for (UnreadableSet set : contents.unreadable()) {
            decisions.add(new PruneDecision(set.id(), set.startedAt(), PruneDecision.Action.KEEP,
                    List.of("kept: manifest unreadable, never pruned automatically; inspect it (" + set.reason() + ")"),
                    bytes(contents, set.id())));
        }
        for (IncompleteSet set : contents.incomplete()) {
            Duration age = Duration.between(set.startedAt(), now);
            Instant written = contents.lastWritten().get(set.id());
            Duration idle = written == null ? null : Duration.between(written, now);
            if (age.compareTo(gracePeriod) > 0 && idle != null && idle.compareTo(gracePeriod) <= 0) {
                decisions.add(new PruneDecision(set.id(), set.startedAt(), PruneDecision.Action.KEEP,
                        List.of(keptWhileWritten(age, idle, "")), set.bytes()));
            } else if (age.compareTo(gracePeriod) > 0) {
                decisions.add(new PruneDecision(set.id(), set.startedAt(), PruneDecision.Action.SWEEP,
                        List.of("swept: incomplete for " + Durations.describeAge(age)), set.bytes()));
            } else {
                decisions.add(new PruneDecision(set.id(), set.startedAt(), PruneDecision.Action.KEEP,
                        List.of("kept: incomplete for " + Durations.describeAge(age) + ", within the "
                                + Durations.describe(gracePeriod) + " grace period (its backup may still be running)"),
                        set.bytes()));
            }
        }
        decisions.sort(Comparator.comparing(PruneDecision::time).thenComparing(PruneDecision::id));
        return new PrunePlan(now, policy, gracePeriod, decisions);
    }

    private String keptWhileWritten(Duration age, Duration idle, String clockNote) {
        return "kept: incomplete for " + Durations.describeAge(age) + ", but last written " + Durations.describeAge(idle)
                + " ago" + clockNote + ", within the " + Durations.describe(gracePeriod)
                + " grace period (its backup is running)";
    }

    private static long bytes(StoreContents contents, String id) {
        return contents.storedBytes().getOrDefault(id, 0L);
    }

    /**
     * Makes the {@link #plan()} and executes it: deletes the sets it marks for deletion (manifest
     * first) and sweeps the incomplete sets past the grace period, unless the store's timestamps
     * show that a set is still being written. A store failure while deleting one set is reported
     * in the result and does not stop the others.
     *
     * @return what was deleted and swept, and what could not be finished; its plan holds the
     *     decisions as executed (a planned sweep of a set whose writer is alive becomes a KEEP)
     * @throws io.github.dbbackup.core.BackupStorageException when the store cannot be listed or a manifest cannot be read
     *     (nothing was deleted then)
     */
    public PruneResult prune() {
        PrunePlan planned = plan();
        List<String> deleted = new ArrayList<>();
        List<String> swept = new ArrayList<>();
        List<PruneFailure> failures = new ArrayList<>();
        List<PruneDecision> executed = new ArrayList<>();
        for (PruneDecision decision : planned.decisions()) {
            PruneDecision done = decision;
            switch (decision.action()) {
                case DELETE -> {
                    if (delete(decision, failures)) {
                        deleted.add(decision.id());
                    }
                }
                case SWEEP -> {
                    done = sweep(decision, failures);
                    if (done.action() == PruneDecision.Action.SWEEP && failures.stream()
                            .noneMatch(f -> f.id().equals(decision.id()))) {
                        swept.add(decision.id());
                    }
                }
                case KEEP -> {
                    // nothing to do
                }
            }
            executed.add(done);
        }
        PrunePlan plan = new PrunePlan(planned.plannedAt(), planned.policy(), planned.incompleteGracePeriod(), executed);
        try {
            int uploads = store.sweepIncompleteUploads(gracePeriod);
            if (uploads > 0) {
                LOG.info("prune of {}: aborted {} unfinished uploads older than {}", store.describe(), uploads,
                        Durations.describe(gracePeriod));
            }
        } catch (BackupException e) {
            String message = "Sweeping unfinished uploads of " + store.describe() + " failed: " + e.getMessage()
                    + "; they are invisible and the next prune retries (a bucket lifecycle rule"
                    + " AbortIncompleteMultipartUpload cleans them up as well)";
            LOG.warn(message);
            failures.add(new PruneFailure("", "", message));
        }
        if (failures.isEmpty()) {
            LOG.info("prune of {} done: {} sets deleted, {} incomplete sets swept, {} kept", store.describe(),
                    deleted.size(), swept.size(), plan.withAction(PruneDecision.Action.KEEP).size());
        } else {
            LOG.warn("prune of {} finished with {} failures: {} sets deleted, {} incomplete sets swept", store.describe(),
                    failures.size(), deleted.size(), swept.size());
        }
        return new PruneResult(plan, deleted, swept, failures);
    }

    /** Deletes a complete set: manifest first, then the rest. Returns whether every blob went. */
    private boolean delete(PruneDecision decision, List<PruneFailure> failures) {
        String id = decision.id();
        String manifestKey = Manifest.keyOf(id);
        try {
            store.delete(manifestKey);
        } catch (BackupException e) {
            String message = "Deleting manifest '" + manifestKey + "' from " + store.describe() + " failed: "
                    + e.getMessage() + "; the set is still complete and listed, and the next prune deletes it";
            LOG.warn("{}: {}", id, message);
            failures.add(new PruneFailure(id, manifestKey, message));
            return false;
        }
        int[] blobs = {1};
        PruneFailure failure = deleteRest(id, blobs);
        audit(decision, blobs[0], failure);
        if (failure != null) {
            failures.add(failure);
            return false;
        }
        LOG.info("{}: deleted ({}); {} blobs, {} bytes", id, decision.reasons().get(0), blobs[0], decision.bytes());
        return true;
    }

    /**
     * Sweeps an incomplete set, unless the store's own clock shows that its writer is alive (0015):
     * stores a sweep marker in the set first, lists the set again, and compares the marker's store
     * timestamp with the store timestamp of the set's newest blob (its writer's lease, refreshed
     * every minute). Deletes nothing when the set has a manifest by then. Deletes the marker last.
     * Returns the decision as executed: the planned one, or a KEEP when the writer is alive.
     */
    private PruneDecision sweep(PruneDecision decision, List<PruneFailure> failures) {
        String id = decision.id();
        String marker = id + "/" + SetScan.SWEEP_MARKER_PREFIX + suffix() + ".json";
        List<BlobInfo> blobs;
        try {
            String json = "{ \"format\" : \"dbbackup.sweep\", \"formatVersion\" : \"1.0\", \"id\" : \"" + id
                    + "\", \"plannedAt\" : \"" + clock.instant() + "\" }\n";
            store.put(marker, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
            blobs = store.list(id + "/");
        } catch (BackupException e) {
            deleteQuietly(id, marker);
            failures.add(leftIncomplete(id, marker, "storing or reading back the sweep marker '" + marker
                    + "' failed: " + e.getMessage()));
            return decision;
        }
        Instant storeNow = blobs.stream().filter(b -> b.key().equals(marker)).map(BlobInfo::lastModified).findFirst()
                .orElse(null);
        if (storeNow == null) {
            deleteQuietly(id, marker);
            failures.add(new PruneFailure(id, marker, "The sweep marker '" + marker + "' was not listed right after it"
                    + " was stored in " + store.describe() + "; without it the store's time is unknown, so set '" + id
                    + "' was left alone. The store must list what it stored (read-after-write consistency)"));
            return decision;
        }
        if (blobs.stream().anyMatch(b -> b.key().equals(Manifest.keyOf(id)))) {
            deleteQuietly(id, marker);
            failures.add(gainedManifest(id));
            return decision;
        }
        Optional<Instant> written = SetScan.lastWritten(blobs);
        if (written.isPresent() && Duration.between(written.get(), storeNow).compareTo(gracePeriod) <= 0) {
            deleteQuietly(id, marker);
            Duration age = Duration.between(decision.time(), clock.instant());
            String reason = keptWhileWritten(age, Duration.between(written.get(), storeNow), " by the store's clock");
            LOG.info("{}: {}", id, reason);
            return new PruneDecision(id, decision.time(), PruneDecision.Action.KEEP, List.of(reason), decision.bytes());
        }
        int[] count = {0};
        PruneFailure failure = deleteAll(id, blobs, marker, count);
        if (count[0] > 0 || failure != null) {
            audit(decision, count[0], failure);
        }
        if (failure != null) {
            failures.add(failure);
            return decision;
        }
        LOG.info("{}: {}; {} blobs, {} bytes", id, decision.reasons().get(0), count[0], decision.bytes());
        return decision;
    }

    /** Deletes the listed blobs of a set, its own marker last. Stops at the first failure and returns it. */
    private PruneFailure deleteAll(String id, List<BlobInfo> blobs, String marker, int[] count) {
        for (BlobInfo blob : blobs) {
            if (blob.key().equals(marker)) {
                continue;
            }
            try {
                store.delete(blob.key());
                count[0]++;
            } catch (BackupException e) {
                // the marker stays: a writer that still runs sees it and does not commit
                return leftIncomplete(id, blob.key(), "deleting '" + blob.key() + "' failed: " + e.getMessage());
            }
        }
        try {
            store.delete(marker);
        } catch (BackupException e) {
            return leftIncomplete(id, marker, "deleting its sweep marker '" + marker + "' failed: " + e.getMessage());
        }
        return null;
    }

    private void deleteQuietly(String id, String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.warn("{}: could not delete the sweep marker '{}' (a later prune removes it with the set): {}", id, key,
                    e.toString());
        }
    }

    private PruneFailure gainedManifest(String id) {
        return new PruneFailure(id, Manifest.keyOf(id), "Set '" + id + "' gained a manifest while it was being"
                + " removed (a backup completed late or the store is shared); it was left alone. Check which"
                + " process writes into " + store.describe());
    }

    private static String suffix() {
        StringBuilder suffix = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            suffix.append("0123456789abcdefghijklmnopqrstuvwxyz".charAt(random.nextInt(36)));
        }
        return suffix.toString();
    }

    /**
     * Deletes every blob left under {@code id/} (the manifest is gone or never existed), counting
     * them into {@code blobs[0]}. Stops at the first failure and returns it, or {@code null}.
     */
    private PruneFailure deleteRest(String id, int[] blobs) {
        String prefix = id + "/";
        List<BlobInfo> rest;
        try {
            rest = store.list(prefix);
        } catch (BackupException e) {
            return leftIncomplete(id, prefix, "listing '" + prefix + "' failed: " + e.getMessage());
        }
        if (rest.stream().anyMatch(b -> b.key().equals(Manifest.keyOf(id)))) {
            // a manifest appeared after the plan was made: the set is complete now, leave it alone
            return gainedManifest(id);
        }
        for (BlobInfo blob : rest) {
            try {
                store.delete(blob.key());
                blobs[0]++;
            } catch (BackupException e) {
                return leftIncomplete(id, blob.key(), "deleting '" + blob.key() + "' failed: " + e.getMessage());
            }
        }
        return null;
    }

    private PruneFailure leftIncomplete(String id, String key, String what) {
        String message = "Removing set '" + id + "' from " + store.describe() + " stopped: " + what + ". The set has no"
                + " manifest, so it is never listed as a backup; a later prune sweeps what is left once it is older than"
                + " the grace period (" + Durations.describe(gracePeriod) + ")";
        LOG.warn("{}: {}", id, message);
        return new PruneFailure(id, key, message);
    }

    private void audit(PruneDecision decision, int blobs, PruneFailure failure) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", decision.reasons().get(0));
        details.put("action", decision.action().name());
        details.put("blobs", blobs);
        details.put("bytes", decision.bytes());
        details.put("finished", failure == null);
        if (failure != null) {
            details.put("error", failure.message());
        }
        SafeAudit.record(audit, new AuditEvent(AuditAction.BACKUP_PRUNED, clock.instant(), decision.id(),
                details));
    }

    /**
     * Builds {@link BackupPruner}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private BlobStore store;
        private RetentionPolicy policy = RetentionPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private AuditSink audit = AuditSink.slf4j();
        private Duration incompleteGracePeriod = DEFAULT_INCOMPLETE_GRACE_PERIOD;

        private Builder() {
        }

        /**
         * Sets the store to prune (required).
         *
         * @param store the store; the host keeps ownership
         * @return this builder
         */
        public Builder store(BlobStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the retention policy (default {@link RetentionPolicy#defaults()}: maxAge 30 days).
         *
         * @param policy the policy; one that keeps nothing is refused by {@link #build()}
         * @return this builder
         */
        public Builder policy(RetentionPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * Sets the clock that says "now" (default UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
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
         * Sets how long an incomplete set must have been idle before it is swept (default 24
         * hours): by this pruner's clock the time its id carries and its newest blob must be older,
         * and by the store's timestamps its newest blob must be older than a marker the pruner
         * stores. A running backup refreshes its lease every minute, so the grace period needs to
         * exceed a few minutes, not the longest backup run; it bounds how long a stalled backup may
         * stall before its set is swept (its commit then fails).
         *
         * @param gracePeriod the grace period, positive
         * @return this builder
         */
        public Builder incompleteGracePeriod(Duration gracePeriod) {
            this.incompleteGracePeriod = gracePeriod;
            return this;
        }

        /**
         * Validates and builds, reporting every problem at once.
         *
         * @return the pruner
         * @throws BackupConfigurationException naming each missing or invalid property, including a
         *     policy that would keep nothing
         */
        public BackupPruner build() {
            List<String> problems = new ArrayList<>();
            if (store == null) {
                problems.add("store is missing; pass e.g. .store(FileSystemBlobStore.of(Path.of(\"backups\")))");
            }
            if (policy == null) {
                problems.add("policy was null; omit it for RetentionPolicy.defaults() (maxAge 30 days)");
            } else if (policy.isEmpty()) {
                problems.add("retention policy has no rule on (" + policy + ") and would keep nothing; pass e.g."
                        + " RetentionPolicy.defaults() (maxAge 30 days) or RetentionPolicy.keepDaily(7)");
            }
            if (clock == null) {
                problems.add("clock was null; omit it for the UTC system clock");
            }
            if (audit == null) {
                problems.add("audit was null; pass AuditSink.noop() to record nothing");
            }
            if (incompleteGracePeriod == null || incompleteGracePeriod.isZero() || incompleteGracePeriod.isNegative()) {
                problems.add("incompleteGracePeriod was '" + incompleteGracePeriod + "' but it must be positive (default"
                        + " 24 hours, longer than the longest backup run)");
            }
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid pruner configuration", problems);
            }
            return new BackupPruner(this);
        }
    }
}
