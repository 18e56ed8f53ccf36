package io.github.dbbackup.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobStoreContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path temp;

    private Path root() {
        return temp.resolve("store");
    }

    private FileSystemBlobStore fs() {
        return (FileSystemBlobStore) store;
    }

    @Override
    protected BlobStore newStore() {
        return FileSystemBlobStore.of(root());
    }

    /** Every file under the root is a listed blob: no temp file, no partial file. */
    @Override
    protected void assertNoTraceOfFailedPut(BlobStore failed, String key) {
        List<String> files = regularFilesUnder(root());
        assertThat(files).noneMatch(name -> name.contains(FileSystemBlobStore.TEMP_PREFIX));
        assertThat(files).containsExactlyInAnyOrderElementsOf(failed.list("").stream().map(BlobInfo::key).toList());
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void createsMissingRootAndParentsWithOwnerOnlyPermissions() throws IOException {
        assumePosix();
        Path nested = temp.resolve("x/y/backups");

        FileSystemBlobStore created = FileSystemBlobStore.of(nested);

        assertThat(Files.isDirectory(nested)).isTrue();
        assertThat(created.root()).isEqualTo(nested.toAbsolutePath());
        assertThat(permissions(nested)).isEqualTo("rwx------");
        assertThat(permissions(temp.resolve("x"))).isEqualTo("rwx------");
    }

    @Test
    void leavesPermissionsOfExistingRootAlone() throws IOException {
        assumePosix();
        Path existing = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));

        FileSystemBlobStore.of(existing).put("k", out -> out.write(1));

        assertThat(permissions(existing)).isEqualTo("rwxr-x---");
    }

    @Test
    void storesFilesWithOwnerOnlyPermissionsAndDirectoriesWithOwnerOnlyAccess() throws IOException {
        assumePosix();

        store.put("set-1/tables/part-0001.json.gz", out -> out.write(new byte[10]));

        assertThat(permissions(root().resolve("set-1/tables/part-0001.json.gz"))).isEqualTo("rw-------");
        assertThat(permissions(root().resolve("set-1/tables"))).isEqualTo("rwx------");
        assertThat(permissions(root().resolve("set-1"))).isEqualTo("rwx------");
    }

    @Test
    void keepsOwnerOnlyPermissionsWhenReplacingBlob() throws IOException {
        assumePosix();
        store.put("k", out -> out.write(1));
        Files.setPosixFilePermissions(root().resolve("k"), PosixFilePermissions.fromString("rw-r--r--"));

        store.put("k", out -> out.write(2));

        assertThat(permissions(root().resolve("k"))).isEqualTo("rw-------");
    }

    // ---------------------------------------------------------------- failed writes

    @Test
    void leavesNoTempFileAfterWriterFails() {
        store.put("set/existing", out -> out.write(1));

        Throwable thrown = catchThrowable(() -> store.put("set/new", out -> {
            out.write(new byte[200_000]);
            throw new IOException("source went away");
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class);
        assertThat(regularFilesUnder(root())).containsExactly("set/existing");
    }

    @Test
    void removesDirectoriesCreatedForFailedPut() {
        store.put("a/kept", out -> out.write(1));

        Throwable thrown = catchThrowable(() -> store.put("a/b/c/part", out -> {
            throw new IOException("fail");
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class);
        assertThat(root().resolve("a/b")).doesNotExist();
        assertThat(root().resolve("a/kept")).isRegularFile();
    }

    @Test
    void wrapsWriterErrorNamingKeyAndRoot() {
        OutOfMemoryError failure = new OutOfMemoryError("simulated");

        Throwable thrown = catchThrowable(() -> store.put("set/part", out -> {
            out.write(new byte[1000]);
            throw failure;
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasCause(failure)
                .hasMessageContaining("set/part").hasMessageContaining(root().toString());
        assertThat(regularFilesUnder(root())).isEmpty();
    }

    @Test
    void leavesNothingWhenPuttingThreadIsInterruptedMidWrite() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread putter = new Thread(() -> {
            try {
                store.put("set/part", out -> {
                    byte[] chunk = new byte[64 * 1024];
                    out.write(chunk);
                    writing.countDown();
                    // Bounded, so a store that ignores interrupts fails the test instead of filling the disk.
                    for (int i = 0; i < 4096; i++) {
                        out.write(chunk);
                    }
                    throw new IOException("the writer was never interrupted");
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "putter");
        putter.start();
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        putter.interrupt();
        putter.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(putter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(BackupStorageException.class)
                .hasCauseInstanceOf(ClosedByInterruptException.class).hasMessageContaining("set/part");
        assertThat(stillInterrupted).isTrue();
        assertAbsent("set/part");
        assertThat(regularFilesUnder(root())).isEmpty();
    }

    @Test
    void failsPutOnInterruptedThreadKeepingOldContentAndInterruptStatus() {
        store.put("k", out -> out.write("old".getBytes(UTF_8)));

        Thread.currentThread().interrupt();
        Throwable thrown;
        boolean interrupted;
        try {
            thrown = catchThrowable(() -> store.put("k", out -> out.write(new byte[1 << 20])));
        } finally {
            interrupted = Thread.interrupted(); // clears the flag for the following tests
        }

        assertThat(thrown).isInstanceOf(BackupStorageException.class);
        assertThat(interrupted).isTrue();
        assertThat(readString("k")).isEqualTo("old");
        assertThat(regularFilesUnder(root())).containsExactly("k");
    }

    @Test
    void toleratesWriterThatClosesTheStream() throws IOException {
        store.put("part.json.gz", out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            gzip.write("{\"rows\":[]}".getBytes(UTF_8));
            gzip.close(); // closes 'out' too, which BlobWriter forbids; the store only flushes
        });

        try (GZIPInputStream in = new GZIPInputStream(store.open("part.json.gz"))) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("{\"rows\":[]}");
        }
    }

    @Test
    void refusesWritesThroughStreamKeptAfterPutReturned() {
        AtomicReference<OutputStream> kept = new AtomicReference<>();
        store.put("k", out -> {
            kept.set(out);
            out.write('a');
        });

        assertThatThrownBy(() -> kept.get().write('b')).isInstanceOf(IOException.class);
        assertThat(readString("k")).isEqualTo("a");
    }

    // ---------------------------------------------------------------- keys and paths

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "a/../../outside", "..", "/outside", "a/./../../outside", "..\\outside"})
    void rejectsKeysThatWouldEscapeTheRoot(String key) {
        assertThatThrownBy(() -> store.put(key, out -> out.write(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);

        assertThat(temp.resolve("outside")).doesNotExist();
        assertThat(Path.of("/outside")).doesNotExist();
    }

    @Test
    void refusesToFollowSymbolicLinkOutOfTheRoot() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "do not touch");
        Files.createSymbolicLink(root().resolve("link"), outside);

        Throwable put = catchThrowable(() -> store.put("link/new", out -> out.write(1)));
        Throwable delete = catchThrowable(() -> store.delete("link/secret"));

        assertThat(put).isInstanceOf(BackupStorageException.class).hasMessageContaining("symbolic link");
        assertThat(delete).isInstanceOf(BackupStorageException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> store.open("link/secret")).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.stat("link/secret")).isEmpty();
        assertThat(store.list("")).isEmpty();
        assertThat(store.list("link/")).isEmpty();
        assertThat(outside.resolve("new")).doesNotExist();
        assertThat(outside.resolve("secret")).hasContent("do not touch");
    }

    @Test
    void refusesToReplaceSymbolicLinkAtKey() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside-file"), "do not touch");
        Files.createSymbolicLink(root().resolve("k"), outside);

        Throwable thrown = catchThrowable(() -> store.put("k", out -> out.write(1)));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("symbolic link");
        assertThat(outside).hasContent("do not touch");
        assertThat(Files.isSymbolicLink(root().resolve("k"))).isTrue();
        assertThatThrownBy(() -> store.open("k")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void failsCleanlyWhenKeyNeedsDirectoryWhereBlobIs() {
        store.put("a", out -> out.write("blob".getBytes(UTF_8)));

        Throwable thrown = catchThrowable(() -> store.put("a/b", out -> out.write(1)));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("a/b");
        assertThat(((BackupStorageException) thrown).key()).isEqualTo("a/b");
        assertThat(readString("a")).isEqualTo("blob");
        assertThat(regularFilesUnder(root())).containsExactly("a");
    }

    @Test
    void failsWithoutCallingWriterWhenKeyNamesDirectoryOfOtherBlobs() {
        store.put("a/b", out -> out.write(1));
        AtomicInteger calls = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> store.put("a", out -> calls.incrementAndGet()));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("directory");
        assertThat(calls).hasValue(0);
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("a/b");
    }

    // ---------------------------------------------------------------- list

    @Test
    void listIgnoresTempFilesLinksAndForeignFiles() throws IOException {
        store.put("set/part", out -> out.write(1));
        Files.write(root().resolve("set/.~part.1a2b3c.tmp"), new byte[5]); // abandoned by a crashed put
        Files.write(root().resolve(".~top.ffff.tmp"), new byte[5]);
        Files.writeString(root().resolve("notes about backups.txt"), "foreign");
        Files.createDirectories(root().resolve("lost+found"));
        Files.writeString(root().resolve("lost+found/x"), "foreign");
        Files.createSymbolicLink(root().resolve("set/alias"), root().resolve("set/part"));

        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("set/part");
        assertThat(store.list("set/")).extracting(BlobInfo::key).containsExactly("set/part");
        assertThat(store.list("set/.")).isEmpty();
    }

    @Test
    void listsBlobWhoseNameLooksLikeATempFile() {
        store.put("set/.manifest.json.tmp", out -> out.write(1));

        assertThat(store.list("set/")).extracting(BlobInfo::key).containsExactly("set/.manifest.json.tmp");
    }

    @Test
    void listsNothingForMissingSubtree() {
        store.put("set-1/part", out -> out.write(1));

        assertThat(store.list("set-2/")).isEmpty();
        assertThat(store.list("set-1/part/")).isEmpty();
        assertThat(store.list("set-2/x/y")).isEmpty();
    }

    @Test
    void failsListingWhenRootWasRemoved() throws IOException {
        Files.delete(root());

        Throwable list = catchThrowable(() -> store.list(""));
        Throwable put = catchThrowable(() -> store.put("set/part", out -> out.write(1)));

        assertThat(list).isInstanceOf(BackupStorageException.class).hasMessageContaining(root().toString());
        assertThat(put).isInstanceOf(BackupStorageException.class).hasMessageContaining("root directory");
        assertThat(root()).doesNotExist();
    }

    @Test
    void listReportsFileModificationTime() throws IOException {
        store.put("k", out -> out.write(1));
        Files.setLastModifiedTime(root().resolve("k"),
                FileTime.from(Instant.parse("2026-11-29T03:00:00Z")));

        assertThat(store.list("")).extracting(BlobInfo::lastModified)
                .containsExactly(Instant.parse("2026-11-29T03:00:00Z"));
        assertThat(store.stat("k")).get().extracting(BlobInfo::lastModified)
                .isEqualTo(Instant.parse("2026-11-29T03:00:00Z"));
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesDirectoriesItLeavesEmptyButNotTheRoot() {
        store.put("a/b/c/d", out -> out.write(1));

        store.delete("a/b/c/d");

        assertThat(root()).isEmptyDirectory();
    }

    @Test
    void deleteKeepsDirectoriesThatStillHoldBlobs() {
        store.put("a/b/x", out -> out.write(1));
        store.put("a/y", out -> out.write(1));

        store.delete("a/b/x");

        assertThat(root().resolve("a/b")).doesNotExist();
        assertThat(root().resolve("a/y")).isRegularFile();
    }

    // ---------------------------------------------------------------- misc

    @Test
    void describesItselfByAbsoluteRoot() {
        assertThat(store.describe()).isEqualTo("file:" + root().toAbsolutePath());
        assertThat(store).hasToString("file:" + root().toAbsolutePath());
    }

    @Test
    void worksThroughRootThatIsASymbolicLink() throws IOException {
        Path real = Files.createDirectory(temp.resolve("real-root"));
        Path link = Files.createSymbolicLink(temp.resolve("root-link"), real);
        FileSystemBlobStore linked = FileSystemBlobStore.of(link);

        linked.put("set/part", out -> out.write("x".getBytes(UTF_8)));

        assertThat(real.resolve("set/part")).hasContent("x");
        assertThat(linked.list("")).extracting(BlobInfo::key).containsExactly("set/part");
        assertThat(linked.list("set/")).extracting(BlobInfo::key).containsExactly("set/part");
        assertThat(linked.stat("set/part")).isPresent();
        linked.delete("set/part");
        assertThat(real).isEmptyDirectory();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void seesBlobsWrittenByAnotherInstanceOnTheSameRoot() {
        store.put("set/manifest.json", out -> out.write("{}".getBytes(UTF_8)));

        FileSystemBlobStore other = FileSystemBlobStore.of(root());

        assertThat(other.list("")).extracting(BlobInfo::key).containsExactly("set/manifest.json");
        other.delete("set/manifest.json");
        assertThat(store.stat("set/manifest.json")).isEmpty();
    }

    @Test
    void refusesRootThatIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> FileSystemBlobStore.of(file))
                .isInstanceOf(BackupStorageException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void resolvesRelativeRootAgainstWorkingDirectory() {
        Path relative = Path.of("target", "fs-store-" + System.nanoTime());
        try {
            FileSystemBlobStore relativeStore = FileSystemBlobStore.of(relative);

            assertThat(relativeStore.root()).isAbsolute().isEqualTo(relative.toAbsolutePath().normalize());
            assertThat(relativeStore.describe()).startsWith("file:/");
        } finally {
            relative.toFile().delete();
        }
    }

    /** The README's example, kept compiling and working here. */
    @Test
    void runsReadmeExample() throws IOException {
        Path app = temp.resolve("var/backups/app");
        BlobStore store = FileSystemBlobStore.of(app); // created 0700 if missing

        store.put("notes/hello.txt", out -> out.write("hello".getBytes(UTF_8))); // all or nothing
        String text;
        try (InputStream in = store.open("notes/hello.txt")) {                  // caller closes
            text = new String(in.readAllBytes(), UTF_8);
        }
        List<BlobInfo> blobs = store.list("notes/");                             // sorted by key
        store.delete("notes/hello.txt");                                        // also removes the empty notes/

        Backups.Builder backups = Backups.builder().store(store);               // then .source(…).plan(…).build()

        assertThat(text).isEqualTo("hello");
        assertThat(blobs).extracting(BlobInfo::key, BlobInfo::size).containsExactly(tuple("notes/hello.txt", 5L));
        assertThat(app).isEmptyDirectory();
    }

    // ---------------------------------------------------------------- helpers

    private static void assumePosix() {
        assumeThat(Path.of("").getFileSystem().supportedFileAttributeViews()).contains("posix");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** Relative, '/'-separated paths of all regular files below {@code dir}, links not followed. */
    private static List<String> regularFilesUnder(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void issue13_aPruneSweepsTempFilesOfAKilledBackupOnceTheyAreOlderThanTheGracePeriod(@TempDir Path dir)
            throws IOException {
        FileSystemBlobStore store = FileSystemBlobStore.of(dir);
        store.put("backup-20261101T030000Z-aaaaaa/0000-users-0000.json.gz", out -> out.write(1));
        Path killedSet = Files.createDirectories(dir.resolve("backup-20261102T030000Z-bbbbbb"));
        Path stale = killedSet.resolve(FileSystemBlobStore.TEMP_PREFIX + "0000-users-0000.json.gz.1f2e3d"
                + FileSystemBlobStore.TEMP_SUFFIX);
        Files.write(stale, new byte[4096]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(java.time.Duration.ofHours(25))));
        Path running = dir.resolve("backup-20261101T030000Z-aaaaaa").resolve(FileSystemBlobStore.TEMP_PREFIX
                + "0001-teams-0000.json.gz.4a5b6c" + FileSystemBlobStore.TEMP_SUFFIX);
        Files.write(running, new byte[10]);

        io.github.dbbackup.core.retention.PruneResult result = io.github.dbbackup.core.retention.BackupPruner.builder().store(store)
                .policy(io.github.dbbackup.core.retention.RetentionPolicy.keepLast(5))
                .audit(io.github.dbbackup.core.spi.AuditSink.noop()).build().prune();

        assertThat(result.failures()).isEmpty();
        assertThat(stale).doesNotExist();
        assertThat(killedSet).as("the directory the killed backup left empty").doesNotExist();
        assertThat(running).as("a temp file younger than the grace period (a put in progress)").exists();
        assertThat(store.list("")).as("an incomplete set whose newest blob is younger than the grace period by the"
                + " store's clock may still be written, so it is kept (ADR 0015)").extracting(b -> b.key())
                .containsExactly("backup-20261101T030000Z-aaaaaa/0000-users-0000.json.gz");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no clock probe left behind")
                    .containsExactly("backup-20261101T030000Z-aaaaaa");
        }
    }
}
