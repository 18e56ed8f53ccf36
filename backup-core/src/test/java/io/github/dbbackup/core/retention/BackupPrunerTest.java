package io.github.dbbackup.core.retention;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.IncompleteSet;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationProblem;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.retention.PruneDecision.Action;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import io.github.dbbackup.core.testing.Schemas;
import io.github.dbbackup.core.testing.SyntheticSets;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class BackupPrunerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBlobStore memory = new InMemoryBlobStore(clock);
    private final FlakyDeletes store = new FlakyDeletes(memory);
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final BackupCatalog catalog = BackupCatalog.of(store, clock);

    private BackupPruner pruner(RetentionPolicy policy) {
        return BackupPruner.builder().store(store).policy(policy).clock(clock).audit(audit).build();
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atTime(3, 0).toInstant(ZoneOffset.UTC);
    }

    /** A complete set written on {@code date}: the store stamps its blobs with that day (decision 0015). */
    private String set(String date) {
        Instant now = clock.instant();
        clock.set(day(date));
        try {
            return SyntheticSets.complete(store, day(date));
        } finally {
            clock.set(now);
        }
    }

    /** An incomplete set whose writer started and stopped writing at {@code startedAt}, by the store's clock. */
    private String incomplete(Instant startedAt) {
        Instant now = clock.instant();
        clock.set(startedAt);
        try {
            return SyntheticSets.incomplete(store, startedAt);
        } finally {
            clock.set(now);
        }
    }

    private List<String> listedIds() {
        return catalog.list().stream().map(BackupSetInfo::id).toList();
    }

    private List<String> listedDates() {
        return catalog.list().stream().map(s -> LocalDate.ofInstant(s.createdAt(), ZoneOffset.UTC).toString()).toList();
    }

    @Test
    void dailyBackupsOverFourHundredDaysUnderDailyWeeklyMonthlyLeaveExactlyTheExpectedSets() {
        BackupPruner pruner = pruner(RetentionPolicy.keepDaily(7).and(RetentionPolicy.keepWeekly(4))
                .and(RetentionPolicy.keepMonthly(12)));
        // a backup every day at 03:00 UTC from 2025-10-26 to Sunday 2026-11-29, each followed by a prune
        for (LocalDate d = LocalDate.parse("2025-10-26"); !d.isAfter(LocalDate.parse("2026-11-29")); d = d.plusDays(1)) {
            clock.set(day(d.toString()).plusSeconds(3600));
            set(d.toString());
            pruner.prune();
        }

        assertThat(listedDates()).containsExactly(
                // monthly 12: the last set of each of the 12 most recent months (November counted by the 29th)
                "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
                "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31",
                // weekly 4: the Sundays ending ISO weeks 45, 46, 47 (week 48 ends on the 29th)
                "2026-11-08", "2026-11-15", "2026-11-22",
                // daily 7
                "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29");

        PrunePlan plan = pruner.plan();
        assertThat(plan.decision(SyntheticSets.id(day("2026-11-29"))).orElseThrow().reasons()).containsExactly(
                "kept: newest complete set", "kept: daily 2026-11-29", "kept: weekly 2026-W48", "kept: monthly 2026-11");
        assertThat(plan.decision(SyntheticSets.id(day("2026-11-22"))).orElseThrow().reasons())
                .containsExactly("kept: weekly 2026-W47");
        assertThat(plan.decision(SyntheticSets.id(day("2026-11-28"))).orElseThrow().reasons())
                .containsExactly("kept: daily 2026-11-28");
        assertThat(plan.decision(SyntheticSets.id(day("2025-12-31"))).orElseThrow().reasons())
                .containsExactly("kept: monthly 2025-12");
        assertThat(plan.withAction(Action.DELETE)).isEmpty();
    }

    @Test
    void pruningOnceAfterFourHundredDaysLeavesTheSameSetsAsPruningDaily() {
        for (LocalDate d = LocalDate.parse("2025-10-26"); !d.isAfter(LocalDate.parse("2026-11-29")); d = d.plusDays(1)) {
            set(d.toString());
        }
        clock.set(day("2026-11-29").plusSeconds(3600));

        PruneResult result = pruner(RetentionPolicy.keepDaily(7).and(RetentionPolicy.keepWeekly(4))
                .and(RetentionPolicy.keepMonthly(12))).prune();

        assertThat(result.deleted()).hasSize(400 - 21);
        assertThat(result.isComplete()).isTrue();
        assertThat(listedIds()).hasSize(21).contains(SyntheticSets.id(day("2026-11-08")),
                SyntheticSets.id(day("2025-12-31")));
        assertThat(audit.actions()).hasSize(400 - 21).containsOnly(AuditAction.BACKUP_PRUNED);
    }

    @Test
    void newestCompleteSetSurvivesFortyDaysOfFailingBackupsUnderThirtyDayMaxAge() {
        FakeBackupSource source = new FakeBackupSource()
                .table(Schemas.tableWithId("teams"), row("id", 1L), row("id", 2L));
        clock.set(Instant.parse("2026-10-01T03:00:00Z"));
        Backups backups = Backups.builder().source(source).store(store).plan(BackupPlan.allTablesExcept(
                ExclusionPolicy.none())).clock(clock).audit(AuditSink.noop()).build();
        BackupPruner pruner = pruner(RetentionPolicy.defaults());
        for (int i = 0; i < 10; i++) {
            backups.backup();
            pruner.prune();
            clock.advance(Duration.ofDays(1));
        }
        String lastGood = catalog.latest().orElseThrow().id();
        source.failOpen(new BackupDatabaseException("Connecting to the database failed: connection refused", "08001", 0, null));

        for (int i = 0; i < 40; i++) {
            assertThatThrownBy(backups::backup).isInstanceOf(BackupDatabaseException.class);
            pruner.prune();
            assertThat(catalog.latest()).map(BackupSetInfo::id).contains(lastGood);
            clock.advance(Duration.ofDays(1));
        }

        assertThat(listedIds()).containsExactly(lastGood);
        assertThat(pruner.plan().decision(lastGood).orElseThrow().reasons())
                .containsExactly("kept: newest complete set");
        assertThat(catalog.incomplete()).isEmpty();
    }

    @Test
    void incompleteSetIsNeverListedOrCountedAndSweptOnlyAfterTheGracePeriod() {
        String complete = set("2026-11-28");
        String incomplete = SyntheticSets.incomplete(store, NOW.minus(Duration.ofHours(1)));
        BackupPruner pruner = pruner(RetentionPolicy.keepLast(1));

        assertThat(listedIds()).containsExactly(complete);
        assertThat(catalog.latest()).map(BackupSetInfo::id).contains(complete);
        assertThat(catalog.incomplete()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(incomplete);
            assertThat(s.startedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
            assertThat(s.keys()).containsExactly(SyntheticSets.partKey(incomplete), incomplete + "/0001-u-0000.json.gz");
            assertThat(s.bytes()).isEqualTo(123);
        });
        // keepLast(1) counts complete sets only: the older complete set is kept as the last one
        assertThat(pruner.plan().decision(complete).orElseThrow().reasons())
                .containsExactly("kept: newest complete set", "kept: last 1");

        clock.set(NOW.plus(Duration.ofHours(23)));
        PruneResult early = pruner.prune();
        assertThat(early.plan().decision(incomplete).orElseThrow()).satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.KEEP);
            assertThat(d.reasons()).containsExactly("kept: incomplete for 24 hours, within the 24 hours grace period"
                    + " (its backup may still be running)");
        });
        assertThat(store.list(incomplete + "/")).hasSize(2);

        clock.set(NOW.plus(Duration.ofDays(3)));
        PruneResult late = pruner.prune();
        assertThat(late.plan().decision(incomplete).orElseThrow()).satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.SWEEP);
            assertThat(d.reasons()).containsExactly("swept: incomplete for 3 days");
            assertThat(d.bytes()).isEqualTo(123);
        });
        assertThat(late.swept()).containsExactly(incomplete);
        assertThat(store.list(incomplete + "/")).isEmpty();
        assertThat(listedIds()).containsExactly(complete);
        AuditEvent event = audit.single(AuditAction.BACKUP_PRUNED);
        assertThat(event.backupId()).isEqualTo(incomplete);
        assertThat(event.details()).containsEntry("reason", "swept: incomplete for 3 days").containsEntry("blobs", 2);
    }

    @Test
    void gracePeriodIsConfigurable() {
        String incomplete = incomplete(NOW.minus(Duration.ofHours(3)));
        BackupPruner pruner = BackupPruner.builder().store(store).clock(clock).audit(audit)
                .incompleteGracePeriod(Duration.ofHours(2)).build();

        assertThat(pruner.prune().swept()).containsExactly(incomplete);
    }

    @Test
    void storeFailingInTheMiddleOfDeletingASetLeavesNoListedHalfSetAndTheNextPruneFinishes() {
        String old = set("2026-10-01");
        String newest = set("2026-11-28");
        store.failDeletesWhere(key -> key.equals(SyntheticSets.partKey(old)));
        BackupPruner pruner = pruner(RetentionPolicy.defaults());

        PruneResult first = pruner.prune();

        assertThat(store.deletes()).first().isEqualTo(old + "/manifest.json");
        assertThat(first.isComplete()).isFalse();
        assertThat(first.deleted()).isEmpty();
        assertThat(first.failures()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(old);
            assertThat(f.key()).isEqualTo(SyntheticSets.partKey(old));
            assertThat(f.message()).contains(old, "never listed", "a later prune sweeps");
        });
        assertThat(listedIds()).containsExactly(newest);
        assertThatThrownBy(() -> catalog.get(old)).isInstanceOf(BlobNotFoundException.class);
        assertThat(catalog.incomplete()).extracting(IncompleteSet::id).containsExactly(old);
        assertThat(audit.single(AuditAction.BACKUP_PRUNED).details()).containsEntry("finished", false);

        store.failDeletesWhere(key -> false);
        PruneResult second = pruner.prune();

        assertThat(second.isComplete()).isTrue();
        assertThat(second.swept()).containsExactly(old);
        assertThat(second.plan().decision(old).orElseThrow().reasons()).containsExactly("swept: incomplete for 59 days");
        assertThat(memory.list(old)).isEmpty();
        assertThat(listedIds()).containsExactly(newest);
    }

    @Test
    void failingManifestDeleteLeavesTheSetCompleteAndOtherSetsAreStillDeleted() {
        String a = set("2026-09-01");
        String b = set("2026-10-01");
        String newest = set("2026-11-28");
        store.failDeletesWhere(key -> key.equals(Manifest.keyOf(a)));

        PruneResult result = pruner(RetentionPolicy.defaults()).prune();

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(Manifest.keyOf(a));
            assertThat(f.message()).contains("still complete and listed");
        });
        assertThat(result.deleted()).containsExactly(b);
        assertThat(store.deletes()).doesNotContain(SyntheticSets.partKey(a));
        assertThat(listedIds()).containsExactly(a, newest);
    }

    @Test
    void deletesManifestFirstThenPartsAndSidecarsAndAuditsEachSet() {
        String old = set("2026-10-01");
        store.put(old + "/verification.json", out -> out.write("{}".getBytes()));
        set("2026-11-28");

        PruneResult result = pruner(RetentionPolicy.defaults()).prune();

        assertThat(result.deleted()).containsExactly(old);
        assertThat(store.deletes()).containsExactly(old + "/manifest.json", SyntheticSets.partKey(old),
                old + "/verification.json");
        assertThat(memory.list(old)).isEmpty();
        AuditEvent event = audit.single(AuditAction.BACKUP_PRUNED);
        assertThat(event.backupId()).isEqualTo(old);
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.details()).containsEntry("reason", "deleted: older than 30 days and no keep rule matched")
                .containsEntry("action", "DELETE").containsEntry("blobs", 3).containsEntry("finished", true);
    }

    @Test
    void planExplainsEveryDecisionAndDeletesNothing() {
        String old = set("2026-10-01");
        String pinned = set("2026-10-02");
        String recent = set("2026-11-20");
        String newest = set("2026-11-28");
        String incomplete = incomplete(NOW.minus(Duration.ofDays(3)));
        catalog.pin(pinned, "before the 2.0 migration");
        List<String> keysBefore = memory.list("").stream().map(BlobInfo::key).toList();

        PrunePlan plan = pruner(RetentionPolicy.defaults()).plan();

        assertThat(memory.list("").stream().map(BlobInfo::key).toList()).isEqualTo(keysBefore);
        assertThat(store.deletes()).isEmpty();
        assertThat(audit.events()).isEmpty();
        assertThat(plan.plannedAt()).isEqualTo(NOW);
        assertThat(plan.decisions()).extracting(PruneDecision::id).containsExactly(old, pinned, recent, incomplete,
                newest);
        assertThat(plan.decisions()).extracting(PruneDecision::action).containsExactly(Action.DELETE, Action.KEEP,
                Action.KEEP, Action.SWEEP, Action.KEEP);
        assertThat(plan.decision(old).orElseThrow().reasons())
                .containsExactly("deleted: older than 30 days and no keep rule matched");
        assertThat(plan.decision(pinned).orElseThrow().reasons()).containsExactly("kept: pinned");
        assertThat(plan.decision(recent).orElseThrow().reasons()).containsExactly("kept: younger than 30 days (max age)");
        assertThat(plan.decision(incomplete).orElseThrow().reasons()).containsExactly("swept: incomplete for 3 days");
        assertThat(plan.decision(newest).orElseThrow().reasons())
                .containsExactly("kept: newest complete set", "kept: younger than 30 days (max age)");
        assertThat(plan.bytesToFree()).isEqualTo(plan.decision(old).orElseThrow().bytes() + 123);
        assertThat(plan.describe()).contains(old + "  DELETE  deleted: older than 30 days", pinned + "  KEEP    kept: pinned",
                "policy: maxAge 30 days; keep 3, delete 1, sweep 1");
    }

    @Test
    void pinnedSetsSurviveAndUnpinnedOnesFollowThePolicyAgain() {
        String pinned = set("2026-01-01");
        set("2026-11-28");
        catalog.pin(pinned);

        assertThat(pruner(RetentionPolicy.keepLast(1)).prune().deleted()).isEmpty();
        assertThat(listedIds()).contains(pinned);

        assertThat(catalog.unpin(pinned)).isTrue();
        assertThat(pruner(RetentionPolicy.keepLast(1)).prune().deleted()).containsExactly(pinned);
    }

    @Test
    void newestVerifiedSetIsNeverDeleted() {
        String verifiedOld = set("2026-09-01");
        String verifiedNewer = set("2026-09-02");
        String failedVerification = set("2026-09-03");
        String newest = set("2026-11-28");
        writeVerification(verifiedOld, List.of());
        writeVerification(verifiedNewer, List.of());
        writeVerification(failedVerification, List.of(new VerificationProblem("k", "broken")));

        PruneResult result = pruner(RetentionPolicy.defaults()).prune();

        assertThat(result.deleted()).containsExactly(verifiedOld, failedVerification);
        assertThat(listedIds()).containsExactly(verifiedNewer, newest);
        assertThat(result.plan().decision(verifiedNewer).orElseThrow().reasons())
                .containsExactly("kept: newest verified set");
    }

    private void writeVerification(String id, List<VerificationProblem> problems) {
        VerificationResult result = new VerificationResult(id, VerificationLevel.FULL, NOW, Duration.ofMillis(5), 1, 3,
                problems);
        store.put(id + "/verification.json",
                out -> io.github.dbbackup.core.internal.format.SidecarCodec.writeVerification(result, out));
    }

    @Test
    void unreadableManifestIsNeverCountedNorDeleted() {
        String unreadable = SyntheticSets.id(day("2026-01-01"));
        store.put(Manifest.keyOf(unreadable), out -> out.write("{\"format\":\"dbbackup.manifest\",\"formatVersion\":\"2.0\"}"
                .getBytes()));
        store.put(SyntheticSets.partKey(unreadable), out -> out.write(new byte[10]));
        String newest = set("2026-11-28");

        PruneResult result = pruner(RetentionPolicy.keepLast(1)).prune();

        assertThat(result.deleted()).isEmpty();
        assertThat(result.swept()).isEmpty();
        assertThat(result.plan().decision(unreadable).orElseThrow()).satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.KEEP);
            assertThat(d.reasons()).singleElement().asString()
                    .startsWith("kept: manifest unreadable, never pruned automatically").contains("upgrade dbbackup");
        });
        assertThat(memory.list(unreadable)).hasSize(2);
        assertThat(listedIds()).containsExactly(newest);
    }

    @Test
    void keysOutsideBackupIdsAreNeverTouched() {
        List<String> foreign = List.of("README.txt", "backup-latest.txt", "backup-20261001T030000Z-000000",
                "backups/backup-20261001T030000Z-000000/manifest.json", "backup-2026/x.json",
                "backup-20261399T030000Z-000000/manifest.json", "backup-20261001T030000Z-TOOLONG/x",
                "other/backup-20261001T030000Z-000000/0000-t-0000.json.gz");
        for (String key : foreign) {
            memory.put(key, out -> out.write(1));
        }
        set("2026-10-01");
        set("2026-11-28");
        clock.set(NOW.plus(Duration.ofDays(365)));

        PruneResult result = pruner(RetentionPolicy.keepLast(1)).prune();

        assertThat(result.deleted()).hasSize(1);
        assertThat(store.deletes()).noneMatch(foreign::contains);
        assertThat(memory.list("").stream().map(BlobInfo::key)).containsAll(foreign);
        assertThat(result.plan().decisions()).hasSize(2);
    }

    @Test
    void emptyStoreIsPrunedWithoutDecisions() {
        PruneResult result = pruner(RetentionPolicy.defaults()).prune();

        assertThat(result.plan().decisions()).isEmpty();
        assertThat(result.isComplete()).isTrue();
    }

    @Test
    void refusesAPolicyThatWouldKeepNothing() {
        assertThatThrownBy(() -> BackupPruner.builder().store(store).policy(RetentionPolicy.keepDaily(0)
                .and(RetentionPolicy.keepLast(0))).build())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("retention policy has no rule on (no rules) and would keep nothing");
    }

    @Test
    void reportsEveryConfigurationProblemAtOnce() {
        assertThatThrownBy(() -> BackupPruner.builder().policy(null).clock(null).audit(null)
                .incompleteGracePeriod(Duration.ofHours(-1)).build())
                .isInstanceOfSatisfying(BackupConfigurationException.class, e -> assertThat(e.problems()).hasSize(5))
                .hasMessageContaining("store is missing")
                .hasMessageContaining("incompleteGracePeriod was 'PT-1H' but it must be positive");
    }

    @Test
    void defaultsAreThirtyDaysAndTwentyFourHours() {
        BackupPruner pruner = BackupPruner.builder().store(store).build();

        assertThat(pruner.policy()).isEqualTo(RetentionPolicy.defaults());
        assertThat(pruner.incompleteGracePeriod()).isEqualTo(Duration.ofHours(24));
        assertThat(pruner.store()).isSameAs(store);
    }

    @Test
    void listingFailureFailsThePruneBeforeAnythingIsDeleted() {
        set("2026-01-01");
        set("2026-11-28");
        store.failLists(true);

        assertThatThrownBy(() -> pruner(RetentionPolicy.defaults()).prune()).isInstanceOf(BackupStorageException.class);
        assertThat(store.deletes()).isEmpty();
    }

    /** Records deletes and fails those whose key matches; can fail listings. */
    private static final class FlakyDeletes implements BlobStore {
        private final BlobStore delegate;
        private final List<String> deletes = new CopyOnWriteArrayList<>();
        private volatile Predicate<String> failDeletes = key -> false;
        private volatile boolean failLists;

        FlakyDeletes(BlobStore delegate) {
            this.delegate = delegate;
        }

        void failDeletesWhere(Predicate<String> keys) {
            this.failDeletes = keys;
        }

        void failLists(boolean fail) {
            this.failLists = fail;
        }

        List<String> deletes() {
            return List.copyOf(deletes);
        }

        @Override
        public void put(String key, BlobWriter writer) {
            delegate.put(key, writer);
        }

        @Override
        public InputStream open(String key) {
            return delegate.open(key);
        }

        @Override
        public List<BlobInfo> list(String prefix) {
            if (failLists) {
                throw new BackupStorageException(prefix, "Injected failure listing '" + prefix + "'", null);
            }
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            deletes.add(key);
            if (failDeletes.test(key)) {
                throw new BackupStorageException(key, "Injected failure deleting blob '" + key + "'", null);
            }
            delegate.delete(key);
        }

        @Override
        public String describe() {
            return "flaky(" + delegate.describe() + ")";
        }
    }
}
