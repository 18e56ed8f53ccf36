package io.github.dbbackup.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneDecision;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetLeaseTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    private static final String ID = "backup-20261129T030000Z-k3f9q2";
    private static final String PART_KEY = ID + "/0000-t-0000.json.gz";
    private static final PartInfo PART = new PartInfo(PART_KEY, "t", 0, 1, 5, "0".repeat(64));

    private final MutableClock storeClock = new MutableClock(NOW);
    private final InMemoryBlobStore store = new InMemoryBlobStore(storeClock);

    private SetLease lease(Duration markerWait) {
        return SetLease.start(store, ID, storeClock, Duration.ZERO, markerWait);
    }

    private void writePart() {
        store.put(PART_KEY, out -> out.write(new byte[5]));
    }

    private PruneResult prune() {
        return BackupPruner.builder().store(store).clock(storeClock).audit(AuditSink.noop()).build().prune();
    }

    @Test
    void issue13_aBackupRunningLongerThanTheGracePeriodKeepsItsSetWhileItRefreshesItsLease() {
        SetLease lease = lease(Duration.ofSeconds(1));
        writePart();

        for (int hour = 1; hour <= 30; hour++) {
            storeClock.advance(Duration.ofHours(1));
            lease.refresh(); // what the refresher thread does every minute
            PruneResult result = prune();
            assertThat(result.swept()).isEmpty();
        }

        assertThat(prune().plan().decision(ID).orElseThrow().action()).isEqualTo(PruneDecision.Action.KEEP);
        lease.confirmBeforeCommit(List.of(PART));
        assertThat(store.list(ID + "/")).extracting(BlobInfo::key).containsExactly(PART_KEY, ID + "/lease.json");
    }

    @Test
    void aWriterThatStopsRefreshingIsSweptAndItsCommitFails() {
        SetLease lease = lease(Duration.ofSeconds(1));
        writePart();
        storeClock.advance(Duration.ofHours(25)); // the writer hung: no refresh

        assertThat(prune().swept()).containsExactly(ID);

        assertThatThrownBy(() -> lease.confirmBeforeCommit(List.of(PART))).isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("its part '" + PART_KEY + "' is no longer in");
    }

    @Test
    void theLeaseIsSmallJsonNamingItsSet() {
        lease(Duration.ofSeconds(1));

        String json = new String(store.bytes(ID + "/lease.json"), StandardCharsets.UTF_8);

        assertThat(json).contains("\"format\" : \"dbbackup.lease\"", "\"formatVersion\" : \"1.0\"", "\"id\" : \"" + ID + "\"",
                "\"refreshedAt\" : \"2026-11-29T03:00:00Z\"");
    }

    @Test
    void aPartWithAnotherSizeFailsTheCommit() {
        SetLease lease = lease(Duration.ofSeconds(1));
        store.put(PART_KEY, out -> out.write(new byte[4]));

        assertThatThrownBy(() -> lease.confirmBeforeCommit(List.of(PART))).isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("holds 4 bytes in").hasMessageContaining("but 5 were written");
    }

    @Test
    void aPruneThatIsOnlyLookingDelaysTheCommitButDoesNotFailIt() throws Exception {
        SetLease lease = lease(Duration.ofSeconds(20));
        writePart();
        String marker = ID + "/sweep-abc123.json";
        store.put(marker, out -> out.write(new byte[2]));
        Thread pruner = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.delete(marker); // it saw the fresh lease and keeps the set
        });
        pruner.start();

        lease.confirmAfterCommit(List.of(PART));

        pruner.join();
        assertThat(store.list(ID + "/")).extracting(BlobInfo::key).doesNotContain(marker);
    }

    @Test
    void aSweepMarkerThatStaysFailsTheCommitNamingIt() {
        SetLease lease = lease(Duration.ofMillis(200));
        writePart();
        String marker = ID + "/sweep-abc123.json";
        store.put(marker, out -> out.write(new byte[2]));

        assertThatThrownBy(() -> lease.confirmAfterCommit(List.of(PART))).isInstanceOf(BackupStorageException.class)
                .satisfies(e -> assertThat(((BackupStorageException) e).key()).isEqualTo(marker))
                .hasMessageContaining("a prune is sweeping its set")
                .hasMessageContaining("right after its manifest was stored");
    }

    @Test
    void theRefresherStoresTheLeaseAgainUntilClosed() throws Exception {
        SetLease lease = SetLease.start(store, ID, storeClock, Duration.ofMillis(20), Duration.ofSeconds(1));
        Instant first = store.stat(ID + "/lease.json").orElseThrow().lastModified();

        storeClock.advance(Duration.ofMinutes(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.stat(ID + "/lease.json").orElseThrow().lastModified().equals(first)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        lease.close();
        Instant refreshed = store.stat(ID + "/lease.json").orElseThrow().lastModified();
        storeClock.advance(Duration.ofMinutes(5));
        Thread.sleep(100);

        assertThat(refreshed).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(store.stat(ID + "/lease.json").orElseThrow().lastModified()).isEqualTo(refreshed);
    }
}
