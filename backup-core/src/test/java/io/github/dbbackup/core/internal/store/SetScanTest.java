package io.github.dbbackup.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.internal.store.SetScan.ScannedSet;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetScanTest {

    private final InMemoryBlobStore store = new InMemoryBlobStore();

    private void put(String key, int size) {
        store.put(key, out -> out.write(new byte[size]));
    }

    @Test
    void groupsKeysByBackupIdAndReportsMarkers() {
        String id = "backup-20261129T030000Z-k3f9q2";
        put(id + "/0000-teams-0000.json.gz", 10);
        put(id + "/manifest.json", 5);
        put(id + "/pinned.json", 2);
        put(id + "/verification.json", 3);
        String other = "backup-20261128T030000Z-aaaaaa";
        put(other + "/0000-teams-0000.json.gz", 7);

        List<ScannedSet> sets = SetScan.scan(store);

        assertThat(sets).extracting(ScannedSet::id).containsExactly(other, id);
        ScannedSet set = sets.get(1);
        assertThat(set.startedAt()).isEqualTo(Instant.parse("2026-11-29T03:00:00Z"));
        assertThat(set.hasManifest()).isTrue();
        assertThat(set.isPinned()).isTrue();
        assertThat(set.hasVerification()).isTrue();
        assertThat(set.bytes()).isEqualTo(20);
        assertThat(sets.get(0).hasManifest()).isFalse();
        assertThat(sets.get(0).isPinned()).isFalse();
    }

    @Test
    void ignoresKeysThatDoNotStartWithABackupId() {
        put("README", 1);
        put("backup-20261129T030000Z-k3f9q2", 1);
        put("backup-20261129T030000Z-K3F9Q2/manifest.json", 1);
        put("backup-20260230T030000Z-k3f9q2/manifest.json", 1);
        put("backup-20261129T250000Z-k3f9q2/manifest.json", 1);
        put("x/backup-20261129T030000Z-k3f9q2/manifest.json", 1);

        assertThat(SetScan.scan(store)).isEmpty();
    }

    @Test
    void readsTheUtcTimeOfAnId() {
        assertThat(SetScan.timeOf("backup-20240229T235959Z-000000")).contains(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(SetScan.timeOf("backup-20250229T000000Z-000000")).isEmpty();
        assertThat(SetScan.timeOf("backup-20261129T030000Z-00000")).isEmpty();
        assertThat(SetScan.timeOf(null)).isEmpty();
    }
}
