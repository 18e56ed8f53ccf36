package io.github.dbbackup.storage.s3;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneDecision;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #13, item 5, on S3: the pruner judges whether a set is being written by S3's own
 * {@code LastModified} (its sweep marker's against the set's newest blob), never by its host clock.
 */
@ExtendWith(S3ProxyExtension.class)
class Issue13PruneDuringBackupOnS3Test {

    private static final Clock TWO_DAYS_AHEAD = Clock.offset(Clock.systemUTC(), Duration.ofHours(48));

    private final S3ProxyServer server;
    private String bucket;
    private S3BlobStore store;

    Issue13PruneDuringBackupOnS3Test(S3ProxyServer server) {
        this.server = server;
    }

    @BeforeEach
    void createStore() {
        bucket = server.createBucket();
        store = server.storeBuilder(bucket).build();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void issue13_aPruneWhoseClockIsTwoDaysAheadKeepsARunningBackupByTheBucketsClock() {
        FakeBackupSource source = new FakeBackupSource()
                .table(tableWithId("a", notNull("name", ValueType.STRING)), row("id", 1L, "name", "x"))
                .table(tableWithId("b", notNull("name", ValueType.STRING)), row("id", 1L, "name", "y"));
        BackupPruner pruner = BackupPruner.builder().store(store).clock(TWO_DAYS_AHEAD).audit(AuditSink.noop()).build();
        AtomicReference<PruneResult> duringBackup = new AtomicReference<>();
        BlobStore hooked = new FaultInjectingBlobStore(store).beforePutWhere(key -> key.endsWith("-b-0000.json.gz"),
                () -> duringBackup.set(pruner.prune()));

        BackupResult result = Backups.builder().source(source).store(hooked)
                .plan(BackupPlan.builder().tables("a", "b").build()).audit(AuditSink.noop()).build().backup();

        PruneDecision decision = duringBackup.get().plan().decision(result.id()).orElseThrow();
        assertThat(decision.action()).isEqualTo(PruneDecision.Action.KEEP);
        assertThat(decision.reasons().get(0)).contains("by the store's clock");
        assertThat(duringBackup.get().swept()).isEmpty();
        assertThat(server.objectKeys(bucket)).containsExactly(result.id() + "/0000-a-0000.json.gz",
                result.id() + "/0001-b-0000.json.gz", result.id() + "/manifest.json");
        assertThat(BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                .verify(result.id(), VerificationLevel.FULL).isOk()).isTrue();
    }

    @Test
    void aKilledBackupsSetIsSweptOnceIdleForTheGracePeriodByTheBucketsClock() throws InterruptedException {
        String id = "backup-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Clock.systemUTC().instant().minusSeconds(5)) + "-k3f9q2";
        store.put(id + "/0000-a-0000.json.gz", out -> out.write(new byte[9]));
        store.put(id + "/lease.json", out -> out.write(new byte[3]));
        Thread.sleep(2_500); // LastModified has whole seconds
        BackupPruner pruner = BackupPruner.builder().store(store).clock(TWO_DAYS_AHEAD).audit(AuditSink.noop())
                .incompleteGracePeriod(Duration.ofSeconds(1)).build();

        PruneResult result = pruner.prune();

        assertThat(result.swept()).containsExactly(id);
        assertThat(store.list("")).extracting(BlobInfo::key).isEmpty();
        assertThat(server.objectKeys(bucket)).isEmpty();
    }
}
