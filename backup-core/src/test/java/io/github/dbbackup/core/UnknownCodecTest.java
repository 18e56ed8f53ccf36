package io.github.dbbackup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import io.github.dbbackup.core.testing.Schemas;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A set whose manifest names a codec this process lacks (zstd without backup-codec-zstd, which core's
 * tests do not have): refused before any part is read, with the module to add; still listed.
 */
class UnknownCodecTest {

    private final InMemoryBlobStore memory = new InMemoryBlobStore();
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(memory);
    private final String id;

    UnknownCodecTest() {
        FakeBackupSource source = new FakeBackupSource().table(Schemas.tableWithId("teams",
                Schemas.column("name", ValueType.STRING)), FakeBackupSource.row("id", 1L, "name", "QA"));
        id = Backups.builder().source(source).store(memory).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .audit(AuditSink.noop()).build().backup().id();
        String key = Manifest.keyOf(id);
        String manifest = new String(memory.bytes(key), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"codec\" : \"gzip\"");
        String zstd = manifest.replace("\"codec\" : \"gzip\"", "\"codec\" : \"zstd\"");
        memory.put(key, out -> out.write(zstd.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theReaderNamesTheCodecAndTheModuleThatProvidesIt() {
        assertThatThrownBy(() -> BackupReader.open(store, id))
                .isInstanceOfSatisfying(BackupFormatException.class,
                        e -> assertThat(e.key()).isEqualTo(Manifest.keyOf(id)))
                .hasMessageContaining("Backup set '" + id + "' uses codec 'zstd', which this dbbackup cannot read")
                .hasMessageContaining("add io.github.dbbackup:backup-codec-zstd")
                .hasMessageContaining("or upgrade dbbackup");
        assertThat(store.calls()).noneMatch(call -> call.startsWith("open " + id + "/0"));
    }

    @Test
    void theVerifierReportsTheCodecAndTheModuleWithoutReadingAnyPart() {
        VerificationResult result = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                .verify(id, VerificationLevel.FULL);

        assertThat(result.isOk()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(Manifest.keyOf(id));
            assertThat(p.reason()).contains("uses codec 'zstd'").contains("io.github.dbbackup:backup-codec-zstd")
                    .contains("upgrade dbbackup");
        });
        assertThat(store.calls()).noneMatch(call -> call.startsWith("open " + id + "/0"));
    }

    @Test
    void theCatalogStillListsTheSetSoThatLatestIsNotSilentlyAnOlderOne() {
        assertThat(BackupCatalog.of(store).latest()).hasValueSatisfying(set -> {
            assertThat(set.id()).isEqualTo(id);
            assertThat(set.codec()).isEqualTo("zstd");
        });
        assertThat(BackupCatalog.of(store).unreadable()).isEmpty();
    }
}
