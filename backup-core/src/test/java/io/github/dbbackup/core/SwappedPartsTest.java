package io.github.dbbackup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.Schemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwappedPartsTest {

    @Test
    void twoPartsSwappedTogetherWithTheirChecksumsAreRejectedNamingThePart() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 1; i <= 400; i++) {
            rows.add(FakeBackupSource.row("id", i, "name", "n" + i));
        }
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult result = Backups.builder()
                .source(new FakeBackupSource().table(Schemas.tableWithId("teams", Schemas.column("name", ValueType.STRING)), rows))
                .store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(AuditSink.noop())
                .codec(Codecs.NONE).maxPartBytes(2048).build().backup();
        List<PartInfo> parts = result.parts();
        assertThat(parts).hasSizeGreaterThan(2);
        // Swap parts 0 and 1 and rewrite the manifest so sizes and checksums still match: only the
        // part number inside each document tells them apart.
        PartInfo first = parts.get(0);
        PartInfo second = parts.get(1);
        byte[] a = store.bytes(first.key());
        byte[] b = store.bytes(second.key());
        store.put(first.key(), out -> out.write(b));
        store.put(second.key(), out -> out.write(a));
        String key = Manifest.keyOf(result.id());
        String manifest = new String(store.bytes(key), StandardCharsets.UTF_8)
                .replace(first.sha256(), "SWAP").replace(second.sha256(), first.sha256()).replace("SWAP", second.sha256())
                .replace("\"bytes\" : " + first.bytes() + ",\n      \"sha256\" : \"" + second.sha256(),
                        "\"bytes\" : " + second.bytes() + ",\n      \"sha256\" : \"" + second.sha256());
        store.put(key, out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> BackupReader.open(store, result.id()).forEachRow("teams", r -> { }))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("manifest lists it as part 0");
    }
}
