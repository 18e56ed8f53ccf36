package io.github.dbbackup.core;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneDecision.Action;
import io.github.dbbackup.core.retention.PruneDecision;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, item 5: a prune whose clock is ahead (or a backup that outlives the grace period) swept
 * a running backup's parts, and the backup then committed its manifest over the hole. Every prune
 * here runs in the middle of a backup, at a chosen store operation, so the interleaving is exact.
 */
class Issue13PruneDuringBackupTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    /** The store's clock: it stamps every blob (S3's or the file server's clock). The backup host agrees with it. */
    private final MutableClock storeClock = new MutableClock(NOW);
    private final InMemoryBlobStore memory = new InMemoryBlobStore(storeClock);
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(memory);
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final FakeBackupSource source = new FakeBackupSource()
            .table(tableWithId("a", notNull("name", ValueType.STRING)), row("id", 1L, "name", "x"), row("id", 2L, "name", "y"))
            .table(tableWithId("b", notNull("name", ValueType.STRING)), row("id", 1L, "name", "z"));

    private Backups backups() {
        return Backups.builder().source(source).store(store).plan(BackupPlan.builder().tables("a", "b").build())
                .audit(audit).clock(storeClock).build();
    }

    private static BackupPruner pruner(BlobStore store, MutableClock clock) {
        return BackupPruner.builder().store(store).clock(clock).audit(new RecordingAuditSink()).build();
    }

    private static boolean isPartOf(String table, String key) {
        return key.matches("backup-[^/]+/[0-9]{4}-" + table + "-[0-9]{4}\\.json\\.gz");
    }

    private List<String> keys(String prefix) {
        return memory.list(prefix).stream().map(BlobInfo::key).toList();
    }

    @Test
    void issue13_aPruneWhoseClockIsTwoDaysAheadNeverSweepsARunningBackup() {
        MutableClock aheadByTwoDays = new MutableClock(NOW.plus(Duration.ofHours(48)));
        BackupPruner pruner = pruner(memory, aheadByTwoDays);
        AtomicReference<PruneResult> duringBackup = new AtomicReference<>();
        AtomicReference<List<String>> keysDuringBackup = new AtomicReference<>();
        // table a is stored, table b not yet: the set is incomplete, and 48 hours old by the pruner's clock
        store.beforePutWhere(key -> isPartOf("b", key), () -> {
            keysDuringBackup.set(keys(""));
            duringBackup.set(pruner.prune());
        });

        BackupResult result = backups().backup();

        String id = result.id();
        assertThat(keysDuringBackup.get()).containsExactly(id + "/0000-a-0000.json.gz", id + "/lease.json");
        PruneDecision decision = duringBackup.get().plan().decision(id).orElseThrow();
        assertThat(decision.action()).isEqualTo(Action.KEEP);
        assertThat(decision.reasons()).containsExactly("kept: incomplete for 2 days, but last written 0 seconds ago by"
                + " the store's clock, within the 24 hours grace period (its backup is running)");
        assertThat(duringBackup.get().swept()).isEmpty();
        assertThat(duringBackup.get().isComplete()).isTrue();
        // the set is complete and whole: every part is there and checks out
        assertThat(keys(id + "/")).containsExactly(id + "/0000-a-0000.json.gz", id + "/0001-b-0000.json.gz",
                id + "/manifest.json");
        VerificationResult verification = BackupVerifier.builder().store(memory).clock(storeClock)
                .audit(new RecordingAuditSink()).build().verify(id, VerificationLevel.FULL);
        assertThat(verification.isOk()).isTrue();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_CREATED);
    }

    @Test
    void issue13_aBackupWhosePartWasDeletedBehindItsBackFailsNamingThePartAndCommitsNothing() {
        AtomicReference<String> deleted = new AtomicReference<>();
        // what an older dbbackup's prune (no lease, no marker) or a stray process does
        store.beforePutWhere(key -> isPartOf("b", key), () -> {
            String part = keys("").stream().filter(k -> isPartOf("a", k)).findFirst().orElseThrow();
            deleted.set(part);
            memory.delete(part);
        });

        assertThatThrownBy(() -> backups().backup()).isInstanceOf(BackupStorageException.class)
                .satisfies(e -> assertThat(((BackupStorageException) e).key()).isEqualTo(deleted.get()))
                .hasMessageContaining("was not committed: its part '" + deleted.get() + "' is no longer in")
                .hasMessageContaining("before its manifest was stored");

        assertThat(store.attemptedPuts()).noneMatch(key -> key.endsWith("/manifest.json"));
        assertThat(keys("")).isEmpty();
        assertThat(BackupCatalog.of(memory, storeClock).list()).isEmpty();
        assertThat(audit.single(AuditAction.DATABASE_BACKUP_FAILED).details().get("cause").toString())
                .contains(deleted.get());
    }

    @Test
    void issue13_aPruneThatSweepsWhileTheManifestIsStoredMakesTheBackupWithdrawItsManifestAndFail() {
        AtomicReference<PruneResult> duringCommit = new AtomicReference<>();
        // The backup hung for 25 hours after its last write (its lease went stale, by every clock); a prune
        // sweeps it just as it wakes up and stores its manifest.
        store.beforePutWhere(key -> key.endsWith("/manifest.json"), () -> {
            storeClock.advance(Duration.ofHours(25));
            duringCommit.set(pruner(memory, storeClock).prune());
        });

        assertThatThrownBy(() -> backups().backup()).isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("was not committed: its part '")
                .hasMessageContaining("right after its manifest was stored");

        assertThat(duringCommit.get().swept()).hasSize(1);
        assertThat(store.attemptedPuts()).anyMatch(key -> key.endsWith("/manifest.json"));
        assertThat(keys("")).isEmpty();
        assertThat(BackupCatalog.of(memory, storeClock).list()).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void issue13_aKilledBackupsSetIsSweptOnceItsNewestBlobIsOlderThanTheGracePeriodByTheStoresClock() {
        String killed = "backup-20261129T030000Z-abcdef";
        memory.put(killed + "/lease.json", out -> out.write(new byte[3]));
        memory.put(killed + "/0000-a-0000.json.gz", out -> out.write(new byte[7]));
        MutableClock threeDaysAhead = new MutableClock(NOW.plus(Duration.ofDays(3)));

        storeClock.advance(Duration.ofHours(23));
        PruneResult early = pruner(memory, threeDaysAhead).prune();

        assertThat(early.swept()).isEmpty();
        assertThat(early.plan().decision(killed).orElseThrow().reasons()).containsExactly("kept: incomplete for 3 days,"
                + " but last written 23 hours ago by the store's clock, within the 24 hours grace period (its backup is"
                + " running)");
        assertThat(keys("")).containsExactly(killed + "/0000-a-0000.json.gz", killed + "/lease.json");

        storeClock.advance(Duration.ofHours(2));
        PruneResult late = pruner(memory, threeDaysAhead).prune();

        assertThat(late.swept()).containsExactly(killed);
        assertThat(late.plan().decision(killed).orElseThrow().reasons()).containsExactly("swept: incomplete for 3 days");
        assertThat(keys("")).isEmpty();
    }
}
