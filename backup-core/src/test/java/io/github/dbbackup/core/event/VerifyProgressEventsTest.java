package io.github.dbbackup.core.event;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingProgressListener;
import io.github.dbbackup.core.testing.Schemas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyProgressEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");
    private static final int EVENTS = 12_345;

    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofHours(1)));
    private final InMemoryBlobStore memory = new InMemoryBlobStore(clock);
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(memory);
    private final RecordingProgressListener recorder = new RecordingProgressListener();
    private final String id;
    private final Manifest manifest;

    VerifyProgressEventsTest() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (long i = 1; i <= 80; i++) {
            users.add(row("id", i, "email", "user" + i + "@example.com"));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (long i = 1; i <= 300; i++) {
            events.add(row("id", i, "kind", i % 3 == 0 ? "login" : "view"));
        }
        FakeBackupSource source = new FakeBackupSource()
                .table(Schemas.tableWithId("users", Schemas.column("email", ValueType.STRING)), users)
                .table(Schemas.tableWithId("events", Schemas.column("kind", ValueType.STRING)), events);
        // small parts: every table has several
        BackupResult result = Backups.builder().source(source).store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).clock(clock).audit(AuditSink.noop())
                .maxPartBytes(1024).build().backup();
        this.id = result.id();
        this.manifest = result.manifest();
        clock.set(NOW);
    }

    private BackupVerifier verifier() {
        return BackupVerifier.builder().store(store).audit(AuditSink.noop()).clock(clock).listener(recorder).build();
    }

    private long totalRows() {
        return manifest.parts().stream().mapToLong(PartInfo::rows).sum();
    }

    private long totalBytes() {
        return manifest.parts().stream().mapToLong(PartInfo::bytes).sum();
    }

    @Test
    void aCleanFullVerificationSendsEveryTableAndPartThenFinishes() {
        VerificationResult result = verifier().verify(id, VerificationLevel.FULL);

        assertThat(result.isOk()).isTrue();
        assertThat(manifest.partsOf("users")).hasSizeGreaterThan(1);
        assertThat(manifest.partsOf("events")).hasSizeGreaterThan(1);
        List<Object> expected = new ArrayList<>();
        expected.add(new OperationStarted(Operation.VERIFY, id, NOW, 2, totalRows(), true));
        for (String table : manifest.restoreOrder()) {
            BackedUpTable backedUp = manifest.table(table).orElseThrow();
            expected.add(new TableStarted(Operation.VERIFY, id, table, backedUp.rows()));
            for (PartInfo part : manifest.partsOf(table)) {
                expected.add(new RowsProgressed(Operation.VERIFY, id, table, part.rows()));
                expected.add(new PartDone(Operation.VERIFY, id, table, part));
            }
            expected.add(new TableFinished(Operation.VERIFY, id, table, backedUp.rows(), backedUp.bytes()));
        }
        expected.add(new OperationFinished(Operation.VERIFY, id, Duration.ZERO, 2, totalRows(), totalBytes()));
        assertThat(recorder.events()).containsExactlyElementsOf(expected);
        assertThat(result.rowsChecked()).isEqualTo(totalRows());
    }

    @Test
    void rowsOfABigPartArriveInStepsOfTheInterval() {
        clock.set(NOW.minus(Duration.ofMinutes(30)));
        List<Map<String, Object>> events = new ArrayList<>();
        for (long i = 1; i <= EVENTS; i++) {
            events.add(row("id", i, "kind", "view"));
        }
        BackupResult big = Backups.builder().source(new FakeBackupSource()
                        .table(Schemas.tableWithId("events", Schemas.column("kind", ValueType.STRING)), events))
                .store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).clock(clock)
                .audit(AuditSink.noop()).build().backup();
        clock.set(NOW);

        assertThat(verifier().verify(big.id(), VerificationLevel.FULL).isOk()).isTrue();

        assertThat(recorder.eventsOf(RowsProgressed.class)).extracting(RowsProgressed::rows)
                .containsExactly(ProgressListener.ROWS_INTERVAL, (long) EVENTS - ProgressListener.ROWS_INTERVAL);
    }

    @Test
    void aQuickVerificationReadsNoRowsAndSendsNoTables() {
        VerificationResult result = verifier().verify(id, VerificationLevel.QUICK);

        assertThat(result.isOk()).isTrue();
        assertThat(recorder.events()).containsExactly(new OperationStarted(Operation.VERIFY, id, NOW, 2, 0, true),
                new OperationFinished(Operation.VERIFY, id, Duration.ZERO, 2, 0, 0));
    }

    @Test
    void aCorruptPartFailsTheVerificationAfterEveryTableWasChecked() {
        PartInfo bad = manifest.partsOf("users").get(1);
        byte[] bytes = memory.bytes(bad.key());
        bytes[bytes.length / 2] ^= 0x01;
        memory.put(bad.key(), out -> out.write(bytes));

        VerificationResult result = verifier().verify(id, VerificationLevel.FULL);

        assertThat(result.isOk()).isFalse();
        List<Object> events = recorder.events();
        assertThat(events.get(events.size() - 1)).isEqualTo(new OperationFailed(Operation.VERIFY, id, Duration.ZERO,
                "VerificationProblems", "1 problem: " + result.problems().get(0).reason()));
        assertThat(recorder.eventsOf(OperationFinished.class)).isEmpty();
        assertThat(recorder.eventsOf(PartDone.class)).extracting(PartDone::part).doesNotContain(bad)
                .hasSize(manifest.parts().size() - 1);
        BackedUpTable users = manifest.table("users").orElseThrow();
        assertThat(recorder.eventsOf(TableFinished.class)).contains(new TableFinished(Operation.VERIFY, id, "users",
                users.rows() - bad.rows(), users.bytes() - bad.bytes()));
        assertThat(recorder.eventsOf(TableFinished.class)).hasSize(2);
    }

    @Test
    void aSetWithoutManifestStartsAndFailsWithItsProblem() {
        String missing = "backup-20261128T030000Z-zzzzzz";

        VerificationResult result = verifier().verify(missing, VerificationLevel.FULL);

        assertThat(recorder.events()).containsExactly(
                new OperationStarted(Operation.VERIFY, missing, NOW, 0, -1, false),
                new OperationFailed(Operation.VERIFY, missing, Duration.ZERO, "VerificationProblems",
                        "1 problem: " + result.problems().get(0).reason()));
    }

    @Test
    void severalProblemsAreCountedWithTheFirstInTheMessage() {
        memory.delete(manifest.partsOf("users").get(0).key());
        memory.delete(manifest.partsOf("events").get(0).key());

        VerificationResult result = verifier().verify(id, VerificationLevel.QUICK);

        assertThat(recorder.eventsOf(OperationFailed.class)).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("2 problems; the first: " + result.problems().get(0).reason()));
    }

    @Test
    void anExceptionThrownByTheVerificationFailsItWithTheExceptionsClass() {
        store.beforePutWhere(key -> key.endsWith("/verification.json"), () -> {
            throw new IllegalStateException("sidecar bug");
        });

        assertThatThrownBy(() -> verifier().verify(id, VerificationLevel.FULL)).hasMessage("sidecar bug");

        List<Object> events = recorder.events();
        assertThat(events.get(events.size() - 1)).isEqualTo(new OperationFailed(Operation.VERIFY, id, Duration.ZERO,
                "IllegalStateException", "sidecar bug"));
        assertThat(recorder.eventsOf(OperationFinished.class)).isEmpty();
    }

    @Test
    void aThrowingListenerChangesNothing() {
        VerificationResult quiet = BackupVerifier.builder().store(store).audit(AuditSink.noop()).clock(clock).build()
                .verify(id, VerificationLevel.FULL);

        VerificationResult heard = BackupVerifier.builder().store(store).audit(AuditSink.noop()).clock(clock)
                .listener(new BackupProgressEventsTest.ThrowingListener()).listener(recorder).build()
                .verify(id, VerificationLevel.FULL);

        assertThat(heard.isOk()).isTrue();
        assertThat(heard.problems()).isEqualTo(quiet.problems());
        assertThat(heard.rowsChecked()).isEqualTo(quiet.rowsChecked());
        assertThat(heard.partsChecked()).isEqualTo(quiet.partsChecked());
        assertThat(recorder.events().get(recorder.events().size() - 1)).isInstanceOf(OperationFinished.class);
    }
}
