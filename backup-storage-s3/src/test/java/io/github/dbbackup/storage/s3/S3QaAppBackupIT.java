package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.JdbcSource;
import io.github.dbbackup.jdbc.JdbcTarget;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end: the QA-app schema on PostgreSQL backed up through the S3 store (S3Proxy in this JVM),
 * listed, verified, read back with {@link BackupReader} (every part's size, SHA-256 and row count
 * checked against the manifest), and restored into an empty copy of the schema with every value equal.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
@ExtendWith(S3ProxyExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3QaAppBackupIT {

    private TestDatabase db;
    private Map<String, Integer> inserted;

    @BeforeAll
    void loadQaApp(TestDatabase db) throws Exception {
        this.db = db;
        try (Connection c = db.dataSource().getConnection()) {
            QaAppSchema.Database kind = QaAppSchema.create(c);
            inserted = QaAppData.insert(c, kind, 3, 42L);
        }
    }

    @Test
    void backsUpTheQaAppThroughS3AndReadsEveryRowBackVerified(S3ProxyServer server) {
        String bucket = server.createBucket();
        try (S3BlobStore store = server.storeBuilder(bucket).prefix("backups/qa-app").build()) {
            BackupResult result = backups(store).build().backup();

            Manifest manifest = result.manifest();
            assertThat(store.list("")).extracting(BlobInfo::key).contains(Manifest.keyOf(result.id()))
                    .containsAll(result.parts().stream().map(PartInfo::key).toList());
            assertThat(server.objectKeys(bucket)).allMatch(k -> k.startsWith("backups/qa-app/" + result.id() + "/"));
            assertThat(result.parts()).hasSizeGreaterThan(manifest.tables().size()); // several parts per table
            for (PartInfo part : result.parts()) {
                assertThat(store.stat(part.key())).get().extracting(BlobInfo::size).isEqualTo(part.bytes());
            }
            assertEveryRowReadsBack(store, result);
        }
    }

    @Test
    void backupListVerifyAndRestoreThroughS3GiveBackEveryValue(S3ProxyServer server) throws Exception {
        String bucket = server.createBucket();
        try (S3BlobStore store = server.storeBuilder(bucket).prefix("backups/qa-app").build();
                TestDatabase target = db.createSibling()) {
            BackupResult result = backups(store).build().backup();

            assertThat(BackupCatalog.of(store).list()).extracting(BackupSetInfo::id).containsExactly(result.id());
            VerificationResult verification = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                    .verify(result.id(), VerificationLevel.FULL);
            assertThat(verification.problems()).isEmpty();

            try (Connection c = target.dataSource().getConnection()) {
                QaAppSchema.create(c);
            }
            RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .audit(AuditSink.noop()).build().restore(Restorer.LATEST);
            assertThat(report.totalRows()).isEqualTo(result.totalRows());

            // Every value equal: a backup of the restored database has byte-identical parts.
            InMemoryBlobStore again = new InMemoryBlobStore();
            BackupResult second = Backups.builder().source(JdbcSource.of(target.dataSource())).store(again)
                    .plan(QaAppPlan.plan()).audit(AuditSink.noop()).maxPartBytes(16 * 1024).build().backup();
            assertThat(second.parts()).extracting(PartInfo::sha256)
                    .containsExactlyElementsOf(result.parts().stream().map(PartInfo::sha256).toList());
        }
    }

    @Test
    void sendsTheManifestsSha256OfEveryPartToS3OutsideCompatibleMode(S3ProxyServer server) {
        String bucket = server.createBucket();
        RecordingInterceptor recorder = new RecordingInterceptor();
        try (S3BlobStore store = S3BlobStore.builder().client(server.newClient(false, recorder)).bucket(bucket)
                .prefix("backups").build()) {
            BackupResult result = backups(store).build().backup();

            // each part fits one PutObject, whose x-amz-checksum-sha256 S3 checks: the manifest's own hash
            List<String> sent = new ArrayList<>();
            recorder.calls("PutObject").forEach(c -> sent.add(c.header("x-amz-checksum-sha256")));
            for (PartInfo part : result.parts()) {
                assertThat(sent).contains(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(part.sha256())));
            }
            assertEveryRowReadsBack(store, result);
        }
    }

    private Backups.Builder backups(S3BlobStore store) {
        return Backups.builder().source(JdbcSource.of(db.dataSource())).store(store).plan(QaAppPlan.plan())
                .audit(AuditSink.noop()).maxPartBytes(16 * 1024);
    }

    private void assertEveryRowReadsBack(S3BlobStore store, BackupResult result) {
        BackupReader set = BackupReader.open(store, result.id());
        assertThat(set.manifest().restoreOrder()).containsExactlyInAnyOrderElementsOf(QaAppSchema.BACKED_UP_TABLES);
        for (BackedUpTable table : set.manifest().tables()) {
            long rows = set.forEachRow(table.name(), row -> { });
            assertThat(rows).as("rows of %s", table.name()).isEqualTo(table.rows())
                    .isEqualTo(inserted.get(table.name()).longValue())
                    .isEqualTo(db.queryForLong("SELECT COUNT(*) FROM " + table.name()));
        }
        for (PartInfo part : result.parts()) {
            try (InputStream in = store.open(part.key())) {
                assertThat(HexFormat.of().formatHex(TestData.sha256(in))).as("SHA-256 of %s", part.key())
                        .isEqualTo(part.sha256());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
