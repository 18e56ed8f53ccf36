package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.IncompleteSet;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.retention.RetentionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.storage.s3.S3BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue #13, "kill tests" on S3: the CLI as a real process on an {@code s3://} store (S3Proxy in
 * this JVM), killed with SIGKILL in the middle of a backup (while a multipart upload is open) or a
 * prune. Nothing half-written may list as complete, and the next sweep leaves no object and no
 * multipart upload behind.
 *
 * <p>The CLI's prune sweeps an incomplete set only once it has been idle for 24 hours by S3's clock
 * ({@code docs/decisions/0015-lease-and-sweep-marker.md}), and S3's {@code LastModified} cannot be
 * moved back (the file-system test ages mtimes instead). So a CLI prune is shown to keep the killed
 * set, and the final sweep is the same {@link BackupPruner} with a grace period of one second, run
 * once the bucket's clock has moved on by more than that.
 */
class Issue13KillOnS3Test {

    private static final String USER = "admin";
    private static final String PASSWORD = "pw-KillS3-4711";
    private static final String PREFIX = "nightly";

    private static CliS3Proxy server;

    @TempDir
    Path work;

    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliS3Proxy.start();
        CliS3Proxy.useForThisJvm();
    }

    @AfterAll
    static void stopServer() throws Exception {
        CliS3Proxy.forgetForThisJvm();
        server.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = server.createBucket();
    }

    private String[] withStore(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(server.storeArgs(bucket, PREFIX));
        return all.toArray(String[]::new);
    }

    /**
     * A source whose first table ({@code t0}, first in restore order) is tiny and whose second holds
     * {@code bigRows} rows of random hex: about 120 compressed bytes a row, so 300 000 rows make a
     * part well above the store's 16 MiB part size, i.e. a multipart upload.
     */
    private String createSource(int bigRows) throws SQLException {
        String url = "jdbc:h2:file:" + work.resolve("source") + ";DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t0 (id BIGINT PRIMARY KEY, payload VARCHAR(400) NOT NULL)");
            s.execute("INSERT INTO t0 SELECT \"X\", 'small ' || \"X\" FROM SYSTEM_RANGE(1, 10)");
            s.execute("CREATE TABLE t1 (id BIGINT PRIMARY KEY, payload VARCHAR(400) NOT NULL)");
            s.execute("INSERT INTO t1 SELECT \"X\", RAWTOHEX(SECURE_RAND(100)) FROM SYSTEM_RANGE(1, " + bigRows + ")");
        }
        return url;
    }

    /** Starts the CLI in its own JVM, on this test's classpath, with the S3 key pair in its environment. */
    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DbBackupCli.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("cli-" + System.nanoTime() + ".log").toFile());
        builder.environment().put(DbBackupCli.PASSWORD_ENV, PASSWORD);
        builder.environment().putAll(CliS3Proxy.childEnv());
        return builder.start();
    }

    /** Waits until {@code condition} holds, then kills the process with SIGKILL. */
    private static void killWhen(Process process, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("the CLI finished before it could be killed mid-way").isTrue();
            assertThat(System.nanoTime() - deadline).as("waited too long for the CLI").isNegative();
            Thread.sleep(5);
        }
        process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137); // 128 + SIGKILL
    }

    private static long count(List<String> keys, String suffix) {
        return keys.stream().filter(k -> k.endsWith(suffix)).count();
    }

    private static void assertEveryListedSetIsWhole(S3BlobStore blobs) {
        BackupVerifier verifier = BackupVerifier.builder().store(blobs).audit(AuditSink.noop()).build();
        for (BackupSetInfo set : BackupCatalog.of(blobs).list()) {
            assertThat(verifier.verify(set.id(), VerificationLevel.QUICK).isOk()).as("set %s", set.id()).isTrue();
        }
    }

    /**
     * The sweep the CLI's prune does a day later: the same pruner with a one-second grace period, once
     * S3's clock (whole seconds) has moved on by more than that since the last write. Its host clock
     * runs two days ahead: stale multipart uploads are judged by the host's clock against the upload's
     * {@code Initiated} (ADR 0015), and S3Proxy's transient store reports an {@code Initiated} later
     * than the upload began (seen: the time of the listing), so with the real time no upload of
     * S3Proxy's would ever look a second old.
     */
    private PruneResult sweepOnceIdle() throws InterruptedException {
        Thread.sleep(2_500);
        Clock dayLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
        S3BlobStore blobs = server.store(bucket, PREFIX, dayLater);
        return BackupPruner.builder().store(blobs).policy(RetentionPolicy.keepLast(1)).audit(AuditSink.noop())
                .clock(dayLater).incompleteGracePeriod(Duration.ofSeconds(1)).build().prune();
    }

    private static boolean isS3ProxyBookkeeping(String key, List<String> uploadIds) {
        return uploadIds.stream().anyMatch(id -> key.startsWith(".mpus-" + id + "-") || key.startsWith(id));
    }

    @Test
    void issue13_aBackupKilledDuringAMultipartUploadListsNothingAndTheSweepLeavesNoObjectNorUpload()
            throws Exception {
        String url = createSource(300_000);
        Process backup = start(withStore("backup", "--url", url, "--user", USER));

        // t0's part is stored and t1's multipart upload is open: kill
        killWhen(backup, () -> count(server.objectKeys(bucket), ".json.gz") >= 1 && !server.uploads(bucket).isEmpty());

        S3BlobStore blobs = server.store(bucket, PREFIX);
        BackupCatalog catalog = BackupCatalog.of(blobs);
        assertThat(catalog.list()).isEmpty();
        assertThat(catalog.incomplete()).hasSize(1);
        IncompleteSet killed = catalog.incomplete().get(0);
        assertThat(killed.keys()).contains(killed.id() + "/lease.json").noneMatch(k -> k.endsWith("manifest.json"));
        List<String> uploadIds = server.uploads(bucket).stream().map(u -> u.uploadId()).toList();
        assertThat(server.uploads(bucket)).isNotEmpty()
                .allMatch(u -> u.key().startsWith(PREFIX + "/" + killed.id() + "/"));
        Cli cli = Cli.withEnv(Map.of(DbBackupCli.PASSWORD_ENV, PASSWORD));
        Cli.Run list = cli.run(withStore("list"));
        assertThat(list.exit()).as("%s", list).isZero();
        assertThat(list.out()).doesNotContain(killed.id());

        // a prune whose clock runs two days ahead, while S3's clock says the set was written just now
        List<String> beforePrune = server.objectKeys(bucket);
        Cli.Run early = cli.run(withStore("prune", "--now", Instant.now().plus(Duration.ofDays(2)).toString()));
        assertThat(early.exit()).as("%s", early).isZero();
        assertThat(server.objectKeys(bucket)).containsExactlyInAnyOrderElementsOf(beforePrune);

        Cli.Run again = cli.run(withStore("backup", "--url", url, "--user", USER));
        assertThat(again.exit()).as("%s", again).isZero();
        String newest = again.lastOutLine();
        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(newest);
        assertThat(BackupVerifier.builder().store(blobs).audit(AuditSink.noop()).build()
                .verify(newest, VerificationLevel.FULL).isOk()).isTrue();

        PruneResult sweep = sweepOnceIdle();

        assertThat(sweep.isComplete()).as("%s", sweep.failures()).isTrue();
        assertThat(sweep.swept()).containsExactly(killed.id());
        assertThat(catalog.incomplete()).isEmpty();
        assertThat(server.uploads(bucket)).isEmpty();
        // S3Proxy emulates multipart uploads on jclouds' transient store with bookkeeping objects
        // (".mpus-<upload id>-<key>-stub", and "<upload id>…" for the parts) in the bucket itself, and its
        // AbortMultipartUpload leaves them there. S3 has no such objects; they lie outside the store's
        // prefix, and they are S3Proxy's, not the killed set's: only they may remain besides the new set.
        assertThat(server.objectKeys(bucket)).isNotEmpty()
                .allMatch(k -> k.startsWith(PREFIX + "/" + newest + "/") || isS3ProxyBookkeeping(k, uploadIds));
        assertThat(server.objectKeys(bucket)).filteredOn(k -> k.startsWith(PREFIX + "/" + newest + "/")).hasSize(
                blobs.list("").size());
        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(newest);
    }

    @Test
    void issue13_aPruneKilledMidWayLeavesOnlyWholeSetsListedAndTheNextPruneFinishesTheJob() throws Exception {
        String url = createSource(10);
        Cli cli = Cli.withEnv(Map.of(DbBackupCli.PASSWORD_ENV, PASSWORD));
        Cli.Run first = cli.run(withStore("backup", "--url", url, "--user", USER));
        assertThat(first.exit()).as("%s", first).isZero();
        String original = first.lastOutLine();
        int sets = 300;
        List<String> ids = cloneSet(original, sets);
        Instant future = Instant.now().plus(Duration.ofDays(60));

        Process prune = start(withStore("prune", "--now", future.toString()));
        killWhen(prune, () -> count(server.objectKeys(bucket), "manifest.json") < sets + 1 - 5);

        S3BlobStore blobs = server.store(bucket, PREFIX);
        BackupCatalog catalog = BackupCatalog.of(blobs);
        List<String> listed = catalog.list().stream().map(BackupSetInfo::id).toList();
        assertThat(listed).hasSizeLessThan(sets + 1 - 5).isNotEmpty();
        assertEveryListedSetIsWhole(blobs);

        Cli.Run again = cli.run(withStore("prune", "--now", future.toString()));
        assertThat(again.exit()).as("%s", again).isZero();
        String newest = catalog.latest().orElseThrow().id();
        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(newest);
        assertEveryListedSetIsWhole(blobs);

        // sets the kill left half-deleted are incomplete now; they go once idle by S3's clock
        PruneResult sweep = sweepOnceIdle();
        assertThat(sweep.isComplete()).as("%s", sweep.failures()).isTrue();

        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(newest);
        assertThat(catalog.incomplete()).isEmpty();
        assertThat(blobs.list("")).extracting(BlobInfo::key).allMatch(k -> k.startsWith(newest + "/"));
        assertThat(server.objectKeys(bucket)).allMatch(k -> k.startsWith(PREFIX + "/" + newest + "/"));
        assertThat(server.uploads(bucket)).isEmpty();
        assertEveryListedSetIsWhole(blobs);
        assertThat(ids).contains(newest);
    }

    /**
     * Copies the set {@code id} under {@code n} new ids (one a minute, in 2026-01), rewriting the id
     * in the manifest, so that a prune has many sets to delete.
     */
    private List<String> cloneSet(String id, int n) {
        String from = PREFIX + "/" + id + "/";
        List<S3Object> objects = server.admin().listObjectsV2(b -> b.bucket(bucket).prefix(from)).contents();
        String manifest = server.admin().getObjectAsBytes(b -> b.bucket(bucket).key(from + "manifest.json"))
                .asString(StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String clone = String.format("backup-20260101T%02d%02d00Z-c%05d", i / 60, i % 60, i);
            String to = PREFIX + "/" + clone + "/";
            for (S3Object object : objects) {
                String name = object.key().substring(from.length());
                if (name.equals("manifest.json")) {
                    server.admin().putObject(b -> b.bucket(bucket).key(to + name),
                            RequestBody.fromString(manifest.replace(id, clone), StandardCharsets.UTF_8));
                } else {
                    server.admin().copyObject(b -> b.sourceBucket(bucket).sourceKey(object.key())
                            .destinationBucket(bucket).destinationKey(to + name));
                }
            }
            ids.add(clone);
        }
        ids.add(id);
        return ids;
    }
}
