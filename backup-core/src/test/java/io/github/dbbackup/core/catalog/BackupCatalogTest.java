package io.github.dbbackup.core.catalog;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.retention.RetentionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.Schemas;
import io.github.dbbackup.core.testing.SyntheticSets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupCatalogTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBlobStore store = new InMemoryBlobStore(clock);
    private final BackupCatalog catalog = BackupCatalog.of(store, clock);

    private Backups backups() {
        FakeBackupSource source = new FakeBackupSource()
                .table(Schemas.tableWithId("teams", Schemas.column("name", ValueType.STRING)),
                        row("id", 1L, "name", "Core"), row("id", 2L, "name", "Platform"))
                .table(Schemas.tableWithId("projects"), row("id", 7L));
        return Backups.builder().source(source).store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .clock(clock).audit(AuditSink.noop()).build();
    }

    @Test
    void listsCompleteSetsOldestFirstWithTheirFigures() {
        Backups backups = backups();
        BackupResult first = backups.backup();
        clock.advance(Duration.ofDays(1));
        BackupResult second = backups.backup();

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(first.id(), second.id());
        BackupSetInfo info = catalog.get(second.id());
        assertThat(info.createdAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(info.tables()).isEqualTo(2);
        assertThat(info.rows()).isEqualTo(3);
        assertThat(info.bytes()).isEqualTo(second.totalBytes()).isPositive();
        assertThat(info.codec()).isEqualTo("gzip");
        assertThat(info.pinned()).isFalse();
        assertThat(info.lastVerification()).isNull();
        assertThat(info.isVerified()).isFalse();
        assertThat(catalog.latest()).contains(info);
    }

    @Test
    void ordersByCreationTimeThenId() {
        String later = SyntheticSets.complete(store, NOW, "bbbbbb");
        String earlier = SyntheticSets.complete(store, NOW, "aaaaaa");
        String oldest = SyntheticSets.complete(store, NOW.minusSeconds(60));

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(oldest, earlier, later);
        assertThat(catalog.latest()).map(BackupSetInfo::id).contains(later);
    }

    @Test
    void hasNoLatestWhenThereIsNoCompleteSet() {
        SyntheticSets.incomplete(store, NOW);

        assertThat(catalog.list()).isEmpty();
        assertThat(catalog.latest()).isEmpty();
    }

    @Test
    void incompleteSetIsNeverListedButShownForCleanup() {
        String complete = SyntheticSets.complete(store, NOW.minusSeconds(3600));
        String incomplete = SyntheticSets.incomplete(store, NOW);

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(complete);
        assertThat(catalog.incomplete()).containsExactly(new IncompleteSet(incomplete, NOW,
                java.util.List.of(SyntheticSets.partKey(incomplete), incomplete + "/0001-u-0000.json.gz"), 123));
        assertThatThrownBy(() -> catalog.get(incomplete)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(incomplete).hasMessageContaining(store.describe())
                .hasMessageContaining("incomplete");
    }

    @Test
    void getNamesTheIdAndTheStoreWhenTheSetIsMissing() {
        String id = SyntheticSets.id(NOW);

        assertThatThrownBy(() -> catalog.get(id)).isInstanceOfSatisfying(BlobNotFoundException.class,
                e -> assertThat(e.key()).isEqualTo(id + "/manifest.json"))
                .hasMessageContaining("Backup set '" + id + "' has no manifest in " + store.describe())
                .hasMessageContaining("BackupCatalog.list()");
    }

    @Test
    void getRefusesSomethingThatIsNotABackupId() {
        assertThatThrownBy(() -> catalog.get("../etc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../etc' is not a backup id");
        assertThatThrownBy(() -> catalog.get("backup-20261399T030000Z-000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableManifestIsListedSeparatelyAndNeverAsComplete() {
        String good = SyntheticSets.complete(store, NOW.minusSeconds(60));
        String corrupt = SyntheticSets.id(NOW);
        store.put(corrupt + "/manifest.json", out -> out.write("{\"format\":".getBytes(StandardCharsets.UTF_8)));

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(good);
        assertThat(catalog.incomplete()).isEmpty();
        assertThat(catalog.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo(corrupt);
            assertThat(u.startedAt()).isEqualTo(NOW);
            assertThat(u.manifestKey()).isEqualTo(corrupt + "/manifest.json");
            assertThat(u.reason()).contains("is not valid JSON");
        });
        assertThatThrownBy(() -> catalog.get(corrupt)).isInstanceOf(BackupFormatException.class);
    }

    @Test
    void issue13_partSizesSummingPastLongMaxMakeOnlyThatSetUnreadable() {
        Backups backups = backups();
        String good = backups.backup().id();
        clock.advance(Duration.ofDays(1));
        String damaged = backups.backup().id();
        String key = damaged + "/manifest.json";
        String manifest = new String(store.bytes(key), StandardCharsets.UTF_8)
                .replaceAll("\"bytes\" : \\d+", "\"bytes\" : " + Long.MAX_VALUE);
        store.put(key, out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)));

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(good);
        assertThat(catalog.latest()).map(BackupSetInfo::id).contains(good);
        assertThat(catalog.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo(damaged);
            assertThat(u.reason()).contains(key).contains("add up past " + Long.MAX_VALUE);
        });
        assertThatThrownBy(() -> catalog.get(damaged)).isInstanceOf(BackupFormatException.class).hasMessageContaining(key);
        PruneResult pruned = BackupPruner.builder().store(store).policy(RetentionPolicy.keepLast(5)).clock(clock)
                .audit(AuditSink.noop()).build().prune();
        assertThat(pruned.deleted()).isEmpty();
        VerificationResult verified = BackupVerifier.builder().store(store).clock(clock).audit(AuditSink.noop()).build()
                .verify(damaged, VerificationLevel.FULL);
        assertThat(verified.isOk()).isFalse();
        assertThat(verified.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("add up past " + Long.MAX_VALUE));
    }

    @Test
    void manifestCopiedFromAnotherSetIsUnreadable() {
        String original = SyntheticSets.complete(store, NOW.minusSeconds(60));
        String copy = SyntheticSets.id(NOW);
        store.put(copy + "/manifest.json", out -> out.write(store.bytes(original + "/manifest.json")));

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(original);
        assertThat(catalog.unreadable()).singleElement().satisfies(u -> assertThat(u.reason())
                .contains("describes set '" + original + "', not '" + copy + "'"));
    }

    @Test
    void keysOutsideBackupIdsAreIgnored() {
        String id = SyntheticSets.complete(store, NOW);
        store.put("README.txt", out -> out.write(1));
        store.put("backup-latest/manifest.json", out -> out.write(1));
        store.put("backup-20261399T030000Z-000000/manifest.json", out -> out.write(1));
        store.put("backup-20261129T030000Z-000000.tar", out -> out.write(1));

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(id);
        assertThat(catalog.incomplete()).isEmpty();
        assertThat(catalog.unreadable()).isEmpty();
    }

    @Test
    void pinWritesAMarkerBesideTheManifestAndUnpinRemovesIt() {
        String id = SyntheticSets.complete(store, NOW);
        clock.advance(Duration.ofMinutes(5));

        catalog.pin(id, "before the 2.0 migration");

        assertThat(catalog.get(id).pinned()).isTrue();
        assertThat(new String(store.bytes(id + "/pinned.json"), StandardCharsets.UTF_8))
                .contains("\"format\" : \"dbbackup.pin\"", "\"formatVersion\" : \"1.0\"", "\"id\" : \"" + id + "\"",
                        "\"pinnedAt\" : \"2026-11-29T03:05:00Z\"", "\"reason\" : \"before the 2.0 migration\"");
        assertThat(catalog.unpin(id)).isTrue();
        assertThat(catalog.get(id).pinned()).isFalse();
        assertThat(catalog.unpin(id)).isFalse();
    }

    @Test
    void pinRefusesASetThatIsNotComplete() {
        String incomplete = SyntheticSets.incomplete(store, NOW);

        assertThatThrownBy(() -> catalog.pin(incomplete)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(incomplete);
        assertThat(store.list(incomplete + "/pinned.json")).isEmpty();
    }

    @Test
    void statusIsFreshWithinTheThresholdAndStaleAfterIt() {
        String id = SyntheticSets.complete(store, NOW);

        clock.set(NOW.plus(Duration.ofHours(5)));
        BackupStatus fresh = catalog.status(clock);
        assertThat(fresh.stale()).isFalse();
        assertThat(fresh.hasBackup()).isTrue();
        assertThat(fresh.latest().id()).isEqualTo(id);
        assertThat(fresh.age()).isEqualTo(Duration.ofHours(5));
        assertThat(fresh.threshold()).isEqualTo(Duration.ofHours(26));
        assertThat(fresh.message()).isEqualTo("fresh: newest complete set " + id + " is 5 hours old (threshold 26 hours)");

        clock.set(NOW.plus(Duration.ofHours(26)));
        assertThat(catalog.status(clock).stale()).isFalse();

        clock.set(NOW.plus(Duration.ofHours(27)));
        BackupStatus stale = catalog.status(clock);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.message()).startsWith("stale: newest complete set " + id + " is 27 hours old");

        assertThat(catalog.status(clock, Duration.ofDays(2)).stale()).isFalse();
    }

    @Test
    void statusIsStaleWhenThereIsNoCompleteSet() {
        SyntheticSets.incomplete(store, NOW);

        BackupStatus status = catalog.status(clock);

        assertThat(status.stale()).isTrue();
        assertThat(status.hasBackup()).isFalse();
        assertThat(status.latest()).isNull();
        assertThat(status.age()).isNull();
        assertThat(status.message()).startsWith("stale: there is no complete backup set");
    }

    @Test
    void statusRefusesAThresholdThatIsNotPositive() {
        assertThatThrownBy(() -> catalog.status(clock, Duration.ZERO)).isInstanceOf(BackupConfigurationException.class)
                .hasMessage("status threshold was 'PT0S' but it must be positive");
    }

    @Test
    void unreadableVerificationSidecarIsIgnored() {
        String id = SyntheticSets.complete(store, NOW);
        store.put(id + "/verification.json", out -> out.write("not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(catalog.get(id).lastVerification()).isNull();
    }
}
