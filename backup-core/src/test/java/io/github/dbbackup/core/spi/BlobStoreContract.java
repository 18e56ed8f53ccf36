package io.github.dbbackup.core.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link BlobStore} keeps. An implementation runs it through a tiny subclass that
 * implements {@link #newStore()}:
 *
 * <pre>{@code
 * class S3BlobStoreTest extends BlobStoreContract {
 *     @Override
 *     protected BlobStore newStore() {
 *         return S3BlobStore.of(client, "bucket", "prefix-" + UUID.randomUUID());
 *     }
 * }
 * }</pre>
 *
 * <p>Test methods are package-private (house style); JUnit Jupiter runs them in subclasses in other
 * packages too. Optional hooks: {@link #assertNoTraceOfFailedPut}, {@link #largeBlobSize()},
 * {@link #clockTolerance()}, {@link #closeStore}.
 */
public abstract class BlobStoreContract {

    /** The store under test; a fresh, empty one for every test. */
    protected BlobStore store;

    /**
     * Creates a fresh, empty store. Called once before every test.
     *
     * @return the store
     */
    protected abstract BlobStore newStore();

    /**
     * Checks that a failed put left no trace behind that the SPI cannot see (temp files, pending
     * multipart uploads). Called after every failed put; does nothing by default.
     *
     * @param store the store the put failed on
     * @param key the key of the failed put
     */
    protected void assertNoTraceOfFailedPut(BlobStore store, String key) {
    }

    /**
     * Returns the size of the blob the streaming test writes; 8 MiB + 13 bytes by default, odd so it
     * is no multiple of any buffer size.
     *
     * @return the size in bytes
     */
    protected int largeBlobSize() {
        return 8 * 1024 * 1024 + 13;
    }

    /**
     * Returns how far a blob's {@code lastModified} may be from this JVM's clock (timestamp
     * granularity, clock skew to a remote store); 2 minutes by default.
     *
     * @return the tolerance
     */
    protected Duration clockTolerance() {
        return Duration.ofMinutes(2);
    }

    /**
     * Releases what {@link #newStore()} created. Called after every test; does nothing by default.
     *
     * @param store the store
     */
    protected void closeStore(BlobStore store) {
    }

    @BeforeEach
    void createStore() {
        store = newStore();
        assertThat(store.list("")).as("a new store must be empty").isEmpty();
    }

    @AfterEach
    void releaseStore() {
        closeStore(store);
    }

    // ---------------------------------------------------------------- put and open

    @Test
    void roundTripsEveryByteValue() {
        byte[] content = new byte[512];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }

        store.put("set-1/part-0001.json.gz", out -> out.write(content));

        assertThat(read("set-1/part-0001.json.gz")).isEqualTo(content);
    }

    @Test
    void roundTripsEmptyBlob() {
        store.put("empty", out -> { });

        assertThat(read("empty")).isEmpty();
        assertThat(store.list("")).extracting(BlobInfo::key, BlobInfo::size)
                .containsExactly(tuple("empty", 0L));
    }

    @Test
    void streamsMultiMebibyteBlobWithoutLoss() throws IOException {
        int size = largeBlobSize();
        byte[] written = streamPseudoRandom("big/blob.bin", size, 42);

        MessageDigest digest = sha256();
        long total = 0;
        try (InputStream in = store.open("big/blob.bin")) {
            byte[] buffer = new byte[7 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }

        assertThat(total).isEqualTo(size);
        assertThat(digest.digest()).isEqualTo(written);
        assertThat(store.stat("big/blob.bin")).get().extracting(BlobInfo::size).isEqualTo((long) size);
    }

    @Test
    void callsWriterExactlyOnce() {
        AtomicInteger calls = new AtomicInteger();

        store.put("once", out -> {
            calls.incrementAndGet();
            out.write('x');
        });

        assertThat(calls).hasValue(1);
    }

    @Test
    void replacesContentOfExistingKeyOnSuccessfulPut() {
        store.put("k", bytes("old content, longer than the new one"));

        store.put("k", bytes("new"));

        assertThat(readString("k")).isEqualTo("new");
        assertThat(store.list("")).extracting(BlobInfo::key, BlobInfo::size)
                .containsExactly(tuple("k", 3L));
    }

    @Test
    void leavesNothingUnderNewKeyWhenWriterFailsMidway() {
        IOException failure = new IOException("disk on fire");

        Throwable thrown = catchThrowable(() -> store.put("set/part-1", out -> {
            out.write(new byte[100_000]);
            throw failure;
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasCause(failure);
        assertAbsent("set/part-1");
        assertThat(store.list("")).isEmpty();
        assertNoTraceOfFailedPut(store, "set/part-1");
    }

    @Test
    void leavesNothingWhenWriterFailsBeforeWritingAnything() {
        Throwable thrown = catchThrowable(() -> store.put("nothing", out -> {
            throw new IOException("refused");
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class);
        assertAbsent("nothing");
        assertNoTraceOfFailedPut(store, "nothing");
    }

    @Test
    void keepsOldContentWhenReplacingPutFails() {
        store.put("dir/k", bytes("old"));
        IllegalStateException failure = new IllegalStateException("row cursor broke");

        Throwable thrown = catchThrowable(() -> store.put("dir/k", out -> {
            out.write("new content that must never be seen".getBytes(UTF_8));
            out.flush();
            throw failure;
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasCause(failure);
        assertThat(readString("dir/k")).isEqualTo("old");
        assertThat(store.list("")).extracting(BlobInfo::key, BlobInfo::size)
                .containsExactly(tuple("dir/k", 3L));
        assertNoTraceOfFailedPut(store, "dir/k");
    }

    @Test
    void chainsWriterRuntimeExceptionAsCause() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("network"));

        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> store.put("k", out -> {
                    throw failure;
                }));

        assertThat(thrown).isNotNull();
        assertThat(thrown.getCause()).isSameAs(failure);
    }

    @Test
    void namesKeyInFailedPutException() {
        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> store.put("set-7/part-0003.json.gz", out -> {
                    throw new IOException("boom");
                }));

        assertThat(thrown).isNotNull();
        assertThat(thrown.key()).isEqualTo("set-7/part-0003.json.gz");
        assertThat(thrown).hasMessageContaining("set-7/part-0003.json.gz");
    }

    @Test
    void leavesNothingWhenWriterThrowsError() {
        StackOverflowError failure = new StackOverflowError("deep recursion in writer");

        Throwable thrown = catchThrowable(() -> store.put("k", out -> {
            out.write(new byte[1000]);
            throw failure;
        }));

        // The SPI promises nothing visible after any throwable; whether an Error is wrapped is the
        // implementation's choice, but it must not be lost.
        assertThat(thrown).isNotNull();
        assertThat(thrown == failure || thrown.getCause() == failure)
                .as("thrown %s is neither the writer's Error nor wraps it", thrown).isTrue();
        assertAbsent("k");
        assertNoTraceOfFailedPut(store, "k");
    }

    @Test
    void throwsBlobNotFoundNamingKeyWhenOpeningMissingKey() {
        BlobNotFoundException thrown = catchThrowableOfType(BlobNotFoundException.class,
                () -> store.open("set-1/manifest.json"));

        assertThat(thrown).isNotNull();
        assertThat(thrown.key()).isEqualTo("set-1/manifest.json");
        assertThat(thrown).hasMessageContaining("set-1/manifest.json");
    }

    @Test
    void treatsPrefixOfStoredKeyAsMissingBlob() {
        store.put("set-1/manifest.json", bytes("{}"));

        assertThatThrownBy(() -> store.open("set-1")).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.stat("set-1")).isEmpty();
    }

    @Test
    void storesKeysWithUnusualButValidSegments() {
        List<String> keys = List.of("...", "a/.hidden", "a/trailing.", ".looks-like-temp.tmp", "-", "_/x-y_z.0");
        for (String key : keys) {
            store.put(key, bytes("content of " + key));
        }

        for (String key : keys) {
            assertThat(readString(key)).as(key).isEqualTo("content of " + key);
        }
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactlyElementsOf(sorted(keys));
    }

    @Test
    void distinguishesKeysThatDifferOnlyInCase() {
        store.put("Set/Part", bytes("upper"));
        store.put("set/part", bytes("lower"));

        assertThat(readString("Set/Part")).isEqualTo("upper");
        assertThat(readString("set/part")).isEqualTo("lower");
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("Set/Part", "set/part");
    }

    @Test
    void acceptsKeyOfExactly1024Characters() {
        String key = longKey(1024);

        store.put(key, bytes("long"));

        assertThat(readString(key)).isEqualTo("long");
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly(key);
    }

    // ---------------------------------------------------------------- list

    @Test
    void listsEverythingSortedByKeyForEmptyPrefix() {
        List<String> keys = new ArrayList<>(List.of("a0", "a-b", "a.b", "a/b", "A", "_x", "b/c/d", "a/c/e", "z"));
        Collections.shuffle(keys, new Random(7));
        for (String key : keys) {
            store.put(key, bytes(key));
        }

        assertThat(store.list("")).extracting(BlobInfo::key)
                .containsExactly("A", "_x", "a-b", "a.b", "a/b", "a/c/e", "a0", "b/c/d", "z");
    }

    @Test
    void usesPlainStringPrefixNotWholeSegments() {
        for (String key : List.of("a/bc/d", "a/b-x", "a/b/e", "a/c", "ab", "b")) {
            store.put(key, bytes(key));
        }

        assertThat(store.list("a/b")).extracting(BlobInfo::key).containsExactly("a/b-x", "a/b/e", "a/bc/d");
        assertThat(store.list("a/b/")).extracting(BlobInfo::key).containsExactly("a/b/e");
        assertThat(store.list("a")).extracting(BlobInfo::key)
                .containsExactly("a/b-x", "a/b/e", "a/bc/d", "a/c", "ab");
        assertThat(store.list("a/c")).extracting(BlobInfo::key).containsExactly("a/c");
        assertThat(store.list("a/b/e")).extracting(BlobInfo::key).containsExactly("a/b/e");
        assertThat(store.list("c")).isEmpty();
    }

    @Test
    void listsNothingForPrefixNoKeyCanHave() {
        store.put("a/b", bytes("x"));

        assertThat(store.list("../")).isEmpty();
        assertThat(store.list("a//")).isEmpty();
        assertThat(store.list("/a")).isEmpty();
        assertThat(store.list("a/./")).isEmpty();
        assertThat(store.list("a b")).isEmpty();
    }

    @Test
    void reportsSizeAndLastModifiedInListing() {
        Instant before = Instant.now();
        store.put("s/empty", out -> { });
        store.put("s/one", bytes("1"));
        store.put("s/thousand", out -> out.write(new byte[1000]));
        Instant after = Instant.now();

        List<BlobInfo> listed = store.list("s/");

        assertThat(listed).extracting(BlobInfo::key, BlobInfo::size).containsExactly(
                tuple("s/empty", 0L),
                tuple("s/one", 1L),
                tuple("s/thousand", 1000L));
        assertThat(listed).allSatisfy(info -> assertThat(info.lastModified())
                .isBetween(before.minus(clockTolerance()), after.plus(clockTolerance())));
    }

    // ---------------------------------------------------------------- stat

    @Test
    void statDescribesStoredBlob() {
        Instant before = Instant.now();
        store.put("set/part", bytes("12345"));
        store.put("set/part-longer", bytes("1234567890"));
        Instant after = Instant.now();

        BlobInfo info = store.stat("set/part").orElseThrow();

        assertThat(info.key()).isEqualTo("set/part");
        assertThat(info.size()).isEqualTo(5);
        assertThat(info.lastModified()).isBetween(before.minus(clockTolerance()), after.plus(clockTolerance()));
    }

    @Test
    void statOfMissingKeyIsEmpty() {
        store.put("set/part-1", bytes("x"));

        assertThat(store.stat("set/part")).isEmpty();
        assertThat(store.stat("other")).isEmpty();
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesBlob() {
        store.put("set/part-1", bytes("x"));
        store.put("set/part-2", bytes("y"));

        store.delete("set/part-1");

        assertAbsent("set/part-1");
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("set/part-2");
        assertThat(readString("set/part-2")).isEqualTo("y");
    }

    @Test
    void deleteOfMissingKeyIsNoOp() {
        store.put("kept", bytes("x"));

        assertThatCode(() -> store.delete("missing/key")).doesNotThrowAnyException();
        assertThatCode(() -> store.delete("kept2")).doesNotThrowAnyException();

        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("kept");
    }

    @Test
    void deleteIsIdempotent() {
        store.put("set/part", bytes("x"));

        store.delete("set/part");
        assertThatCode(() -> store.delete("set/part")).doesNotThrowAnyException();

        assertAbsent("set/part");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void deletingPrefixOfKeysDeletesNothing() {
        store.put("set/part", bytes("x"));

        store.delete("set");

        assertThat(readString("set/part")).isEqualTo("x");
    }

    @Test
    void putsAgainAfterDeletingLastBlobOfAPrefix() {
        store.put("set/sub/part", bytes("first"));
        store.delete("set/sub/part");

        store.put("set/sub/part", bytes("second"));

        assertThat(readString("set/sub/part")).isEqualTo("second");
    }

    // ---------------------------------------------------------------- keys

    static Stream<String> invalidKeys() {
        return Stream.of("", "/abs", "a//b", "a/../b", "..", ".", "./x", "a/.", "a/b/", "a\\b", "a b", " ", "a/b c",
                "a:b", "ä", "a\nb", longKey(1025));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsInvalidKeyOnPutWithoutCallingWriter(String key) {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> store.put(key, out -> calls.incrementAndGet()))
                .isExactlyInstanceOf(IllegalArgumentException.class);

        assertThat(calls).hasValue(0);
        assertThat(store.list("")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsInvalidKeyOnOpen(String key) {
        assertThatThrownBy(() -> store.open(key)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsInvalidKeyOnDelete(String key) {
        assertThatThrownBy(() -> store.delete(key)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsInvalidKeyOnStat(String key) {
        assertThatThrownBy(() -> store.stat(key)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullKey() {
        assertThatThrownBy(() -> store.put(null, out -> { })).isInstanceOfAny(IllegalArgumentException.class,
                NullPointerException.class);
        assertThatThrownBy(() -> store.open(null)).isInstanceOfAny(IllegalArgumentException.class,
                NullPointerException.class);
        assertThatThrownBy(() -> store.delete(null)).isInstanceOfAny(IllegalArgumentException.class,
                NullPointerException.class);
    }

    @Test
    void rejectsKeyWithDotDotSegmentNamingTheKey() {
        assertThatThrownBy(() -> store.put("set/../../etc/passwd", bytes("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set/../../etc/passwd");
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentPutsOfDifferentKeysAllLand() throws Exception {
        int threads = 8;
        int perThread = 25;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    String key = keyOf(thread, i);
                    store.put(key, bytes("content " + key));
                }
                return null;
            });
        }

        runTogether(tasks);

        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add(keyOf(t, i));
            }
        }
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactlyElementsOf(sorted(expected));
        for (String key : expected) {
            assertThat(readString(key)).isEqualTo("content " + key);
        }
    }

    @Test
    void concurrentPutsAndDeletesOfDifferentKeysDoNotInterfere() throws Exception {
        int threads = 6;
        int rounds = 150;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            // Every blob is deleted right after it is put, so the prefixes the threads share keep
            // becoming empty: a store that prunes empty directories races with the others' puts there.
            tasks.add(() -> {
                for (int i = 0; i < rounds; i++) {
                    String key = "churn/" + (i % 3) + "/t" + thread;
                    store.put(key, bytes(key));
                    store.delete(key);
                }
                store.put("churn/t" + thread + "/final", bytes("final " + thread));
                return null;
            });
        }

        runTogether(tasks);

        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            expected.add("churn/t" + t + "/final");
        }
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactlyElementsOf(expected);
        for (int t = 0; t < threads; t++) {
            assertThat(readString("churn/t" + t + "/final")).isEqualTo("final " + t);
        }
    }

    @Test
    void concurrentPutsOfSameKeyLeaveOneWholeBlob() throws Exception {
        int size = 256 * 1024;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 1; t <= 6; t++) {
            byte value = (byte) t;
            tasks.add(() -> {
                for (int round = 0; round < 5; round++) {
                    store.put("same/key", out -> {
                        byte[] chunk = new byte[4096];
                        Arrays.fill(chunk, value);
                        for (int written = 0; written < size; written += chunk.length) {
                            out.write(chunk);
                        }
                    });
                }
                return null;
            });
        }

        runTogether(tasks);

        byte[] content = read("same/key");
        assertThat(content).hasSize(size);
        byte first = content[0];
        assertThat(first).isBetween((byte) 1, (byte) 6);
        for (int i = 0; i < content.length; i++) {
            if (content[i] != first) {
                throw new AssertionError("blob mixes the content of two puts at byte " + i);
            }
        }
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("same/key");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Reads a whole blob.
     *
     * @param key the key
     * @return its content
     */
    protected final byte[] read(String key) {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a whole blob as UTF-8 text.
     *
     * @param key the key
     * @return its content
     */
    protected final String readString(String key) {
        return new String(read(key), UTF_8);
    }

    /**
     * Returns a writer that writes {@code text} as UTF-8.
     *
     * @param text the text
     * @return the writer
     */
    protected static BlobWriter bytes(String text) {
        byte[] content = text.getBytes(UTF_8);
        return out -> out.write(content);
    }

    /**
     * Checks that nothing at all is visible under {@code key}: open, stat and list agree.
     *
     * @param key the key
     */
    protected final void assertAbsent(String key) {
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.stat(key)).isEmpty();
        assertThat(store.list(key)).extracting(BlobInfo::key).doesNotContain(key);
    }

    private byte[] streamPseudoRandom(String key, int size, long seed) {
        MessageDigest digest = sha256();
        store.put(key, out -> {
            Random random = new Random(seed);
            byte[] chunk = new byte[8192];
            int remaining = size;
            while (remaining > 0) {
                random.nextBytes(chunk);
                int n = Math.min(remaining, chunk.length);
                out.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                remaining -= n;
            }
        });
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String longKey(int length) {
        // Segments of 100 characters: valid on file systems whose names are limited to 255 bytes.
        StringBuilder key = new StringBuilder();
        while (length - key.length() > 101) {
            key.append("s".repeat(100)).append('/');
        }
        key.append("s".repeat(length - key.length()));
        return key.toString();
    }

    private static String keyOf(int thread, int index) {
        return "set-" + (thread % 3) + "/t" + thread + "-part-" + index;
    }

    private static List<String> sorted(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        Collections.sort(copy);
        return copy;
    }

    private static void runTogether(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            Map<Integer, Throwable> failures = new HashMap<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.put(i, e.getCause());
                }
            }
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError("concurrent tasks failed: " + failures.keySet());
                failures.values().forEach(error::addSuppressed);
                throw error;
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
