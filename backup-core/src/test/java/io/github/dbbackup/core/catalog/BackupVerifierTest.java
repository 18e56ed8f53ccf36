package io.github.dbbackup.core.catalog;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.BackupSetReader;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import io.github.dbbackup.core.testing.Schemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackupVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBlobStore memory = new InMemoryBlobStore(clock);
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(memory);
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final BackupVerifier verifier = BackupVerifier.builder().store(store).audit(audit).clock(clock).build();
    private final BackupCatalog catalog = BackupCatalog.of(store, clock);
    private final String id;
    private final Manifest manifest;

    BackupVerifierTest() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (long i = 1; i <= 80; i++) {
            users.add(row("id", i, "email", "user" + i + "@example.com"));
        }
        FakeBackupSource source = new FakeBackupSource()
                .table(Schemas.tableWithId("teams", Schemas.column("name", ValueType.STRING)),
                        row("id", 1L, "name", "Core"), row("id", 2L, "name", "Platform"))
                .table(Schemas.tableWithId("users", Schemas.column("email", ValueType.STRING)), users);
        Backups backups = Backups.builder().source(source).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).clock(clock).audit(AuditSink.noop())
                .maxPartBytes(1024).build();
        BackupResult result = backups.backup();
        this.id = result.id();
        this.manifest = result.manifest();
        clock.advance(Duration.ofHours(1));
    }

    private PartInfo usersPart(int index) {
        return manifest.partsOf("users").get(index);
    }

    private void flipByte(String key, int position) {
        byte[] bytes = memory.bytes(key);
        bytes[position] ^= 0x01;
        memory.put(key, out -> out.write(bytes));
    }

    @ParameterizedTest
    @EnumSource(names = {"QUICK", "FULL"})
    void cleanSetVerifiesAndTheCatalogShowsIt(VerificationLevel level) {
        assertThat(manifest.partsOf("users")).hasSizeGreaterThan(2);

        VerificationResult result = verifier.verify(id, level);

        assertThat(result.isOk()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.backupId()).isEqualTo(id);
        assertThat(result.level()).isEqualTo(level);
        assertThat(result.verifiedAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(result.partsChecked()).isEqualTo(manifest.parts().size());
        assertThat(result.rowsChecked()).isEqualTo(level == VerificationLevel.FULL ? 82 : 0);

        BackupSetInfo info = catalog.get(id);
        assertThat(info.isVerified()).isTrue();
        assertThat(info.lastVerification().level()).isEqualTo(level);
        assertThat(info.lastVerification().verifiedAt()).isEqualTo(result.verifiedAt());
        assertThat(info.lastVerification().partsChecked()).isEqualTo(result.partsChecked());
        assertThat(info.lastVerification().rowsChecked()).isEqualTo(result.rowsChecked());

        AuditEvent event = audit.single(AuditAction.BACKUP_VERIFIED);
        assertThat(event.backupId()).isEqualTo(id);
        assertThat(event.details()).containsEntry("level", level.name()).containsKey("durationMs")
                .containsEntry("parts", manifest.parts().size());
    }

    @Test
    void sidecarHasItsOwnFormatBesideTheManifest() {
        verifier.verify(id, VerificationLevel.FULL);

        String sidecar = new String(memory.bytes(id + "/verification.json"), StandardCharsets.UTF_8);
        assertThat(sidecar).contains("\"format\" : \"dbbackup.verification\"", "\"formatVersion\" : \"1.0\"",
                "\"id\" : \"" + id + "\"", "\"level\" : \"FULL\"", "\"ok\" : true", "\"problems\" : [ ]");
        assertThat(BackupSetReader.manifest(memory, id)).isEqualTo(manifest);
        assertThat(store.attemptedPuts()).filteredOn(k -> k.startsWith(id)).last()
                .isEqualTo(id + "/verification.json");
    }

    @Test
    void flippedByteIsFoundByFullVerificationNamingThePart() {
        PartInfo part = usersPart(1);
        flipByte(part.key(), (int) part.bytes() / 2);

        assertThat(verifier.verify(id, VerificationLevel.QUICK).isOk()).isTrue();
        VerificationResult full = verifier.verify(id, VerificationLevel.FULL);

        assertThat(full.isOk()).isFalse();
        assertThat(full.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(part.key());
            assertThat(p.reason()).contains("Part '" + part.key() + "'");
        });
        assertThat(catalog.get(id).isVerified()).isFalse();
        assertThat(catalog.get(id).lastVerification().problems()).isEqualTo(full.problems());
    }

    @Test
    void byteThatGzipIgnoresIsCaughtByTheChecksum() {
        PartInfo part = usersPart(0);
        flipByte(part.key(), 4); // gzip header MTIME: decompression does not notice

        VerificationResult full = verifier.verify(id, VerificationLevel.FULL);

        assertThat(full.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(part.key());
            assertThat(p.reason()).contains("failed its SHA-256 check");
        });
    }

    @Test
    void missingPartIsFoundByQuickVerificationNamingThePart() {
        PartInfo part = usersPart(2);
        memory.delete(part.key());

        VerificationResult quick = verifier.verify(id, VerificationLevel.QUICK);

        assertThat(quick.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(part.key());
            assertThat(p.reason()).isEqualTo("Part '" + part.key() + "' is missing from " + store.describe()
                    + "; the set is unusable: restore from another backup set or re-run the backup");
        });
        assertThat(store.calls()).noneMatch(c -> c.startsWith("open " + id + "/0"));
        AuditEvent event = audit.single(AuditAction.BACKUP_VERIFY_FAILED);
        assertThat(event.details()).containsEntry("level", "QUICK").containsEntry("part", part.key())
                .containsEntry("reason", quick.problems().get(0).reason()).containsEntry("problems", 1);
    }

    @Test
    void truncatedPartIsFoundByQuickVerification() {
        PartInfo part = usersPart(0);
        byte[] bytes = memory.bytes(part.key());
        memory.put(part.key(), out -> out.write(bytes, 0, bytes.length - 10));

        VerificationResult quick = verifier.verify(id, VerificationLevel.QUICK);

        assertThat(quick.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(part.key());
            assertThat(p.reason()).contains("has " + (part.bytes() - 10) + " bytes in the store but the manifest records "
                    + part.bytes());
        });
    }

    @Test
    void fullVerificationReportsEveryBadPartNotJustTheFirst() {
        PartInfo flipped = usersPart(0);
        PartInfo missing = usersPart(1);
        PartInfo teams = manifest.partsOf("teams").get(0);
        flipByte(flipped.key(), (int) flipped.bytes() / 2);
        memory.delete(missing.key());
        flipByte(teams.key(), (int) teams.bytes() / 2);

        VerificationResult full = verifier.verify(id, VerificationLevel.FULL);

        assertThat(full.problems()).extracting(VerificationProblem::key)
                .containsExactlyInAnyOrder(teams.key(), flipped.key(), missing.key());
        assertThat(full.problems()).filteredOn(p -> p.key().equals(missing.key())).hasSize(1);
        assertThat(full.partsChecked()).isEqualTo(manifest.parts().size());
    }

    @Test
    void rowCountMismatchIsFoundByFullVerificationNamingThePart() {
        PartInfo part = usersPart(1);
        List<PartInfo> parts = new ArrayList<>();
        for (PartInfo p : manifest.parts()) {
            parts.add(p.key().equals(part.key())
                    ? new PartInfo(p.key(), p.table(), p.index(), p.rows() + 1, p.bytes(), p.sha256()) : p);
        }
        List<BackedUpTable> tables = new ArrayList<>();
        for (BackedUpTable t : manifest.tables()) {
            tables.add(t.name().equals("users")
                    ? new BackedUpTable(t.schema(), t.excludedColumns(), t.rowFilter(), t.rows() + 1, t.bytes()) : t);
        }
        Manifest forged = new Manifest(manifest.formatVersion(), manifest.id(), manifest.createdAt(),
                manifest.completedAt(), manifest.source(), manifest.codec(), manifest.strict(), tables,
                manifest.excludedTables(), manifest.restoreOrder(), parts);
        memory.put(Manifest.keyOf(id), out -> ManifestCodec.write(forged, out));

        assertThat(verifier.verify(id, VerificationLevel.QUICK).isOk()).isTrue();
        VerificationResult full = verifier.verify(id, VerificationLevel.FULL);

        assertThat(full.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(part.key());
            assertThat(p.reason()).isEqualTo("Part '" + part.key() + "' holds " + part.rows()
                    + " rows but the manifest records " + (part.rows() + 1)
                    + "; the set is inconsistent: restore from another backup set");
        });
    }

    @Test
    void unreadableManifestIsAProblemOfTheManifest() {
        memory.put(Manifest.keyOf(id), out -> out.write("{\"format\":\"dbbackup.manifest\",\"formatVersion\":\"2.0\"}"
                .getBytes(StandardCharsets.UTF_8)));

        VerificationResult quick = verifier.verify(id, VerificationLevel.QUICK);

        assertThat(quick.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(Manifest.keyOf(id));
            assertThat(p.reason()).contains("upgrade dbbackup");
        });
        assertThat(quick.partsChecked()).isZero();
        assertThat(memory.list(id + "/verification.json")).hasSize(1);
    }

    @Test
    void missingSetFailsWithoutWritingIntoTheStore() {
        String missing = "backup-20261128T030000Z-abcdef";

        VerificationResult result = verifier.verify(missing, VerificationLevel.FULL);

        assertThat(result.isOk()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(missing + "/manifest.json");
            assertThat(p.reason()).contains(missing, "does not exist or is incomplete");
        });
        assertThat(memory.list(missing)).isEmpty();
        assertThat(audit.single(AuditAction.BACKUP_VERIFY_FAILED).backupId()).isEqualTo(missing);
    }

    @Test
    void storeFailureWhileReadingAPartIsReportedAndTheOtherPartsAreStillChecked() {
        PartInfo part = usersPart(0);
        store.failOpenWhere(key -> key.equals(part.key()));

        VerificationResult full = verifier.verify(id, VerificationLevel.FULL);

        assertThat(full.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo(part.key()));
        assertThat(store.calls()).contains("open " + usersPart(1).key(), "open " + manifest.partsOf("teams").get(0).key());
    }

    @Test
    void laterVerificationReplacesTheSidecar() {
        verifier.verify(id, VerificationLevel.FULL);
        memory.delete(usersPart(0).key());
        clock.advance(Duration.ofDays(1));

        verifier.verify(id, VerificationLevel.QUICK);

        VerificationResult last = catalog.get(id).lastVerification();
        assertThat(last.level()).isEqualTo(VerificationLevel.QUICK);
        assertThat(last.isOk()).isFalse();
        assertThat(last.verifiedAt()).isEqualTo(NOW.plus(Duration.ofHours(1)).plus(Duration.ofDays(1)));
    }

    @Test
    void auditFailureDoesNotFailTheVerification() {
        audit.failWith(new IllegalStateException("audit table is gone"));

        assertThat(verifier.verify(id, VerificationLevel.QUICK).isOk()).isTrue();
    }

    @Test
    void restoreTestIsRefusedWithoutAScratchTarget() {
        assertThatThrownBy(() -> verifier.verify(id, VerificationLevel.RESTORE_TEST))
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("RESTORE_TEST needs a scratch database")
                .hasMessageContaining(".restoreTestTarget(")
                .hasMessageContaining("VerificationLevel.FULL");
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void refusesSomethingThatIsNotABackupId() {
        assertThatThrownBy(() -> verifier.verify("notes", VerificationLevel.QUICK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'notes' is not a backup id");
    }

    @Test
    void builderReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> BackupVerifier.builder().audit(null).clock(null).build())
                .isInstanceOfSatisfying(BackupConfigurationException.class, e -> assertThat(e.problems()).hasSize(3));
    }
}
