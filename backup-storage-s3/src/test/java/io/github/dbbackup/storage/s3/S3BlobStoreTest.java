package io.github.dbbackup.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.jdbc.JdbcSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** What the contract does not cover: multipart, failures, checksums, pagination, batches, sweep, config. */
@ExtendWith(S3ProxyExtension.class)
class S3BlobStoreTest {

    private static final int MIB = 1024 * 1024;
    private static final int PART = 5 * MIB;

    private final S3ProxyServer server;
    private final List<S3BlobStore> stores = new ArrayList<>();
    private String bucket;

    S3BlobStoreTest(S3ProxyServer server) {
        this.server = server;
    }

    @BeforeEach
    void createBucket() {
        bucket = server.createBucket();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(S3BlobStore::close);
    }

    // ---------------------------------------------------------------- put: single and multipart

    @Test
    void uploadsBlobLargerThanOnePartAsMultipartUploadOfPartSizedParts() throws IOException {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.partSize(PART));
        long size = 2L * PART + 2 * MIB + 7;

        store.put("set/part-0001.json.gz", TestData.stream(size, 1));

        assertThat(recorder.operations()).containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart",
                "UploadPart", "CompleteMultipartUpload");
        assertThat(recorder.calls("UploadPart")).extracting(c -> ((UploadPartRequest) c.request()).partNumber(),
                c -> ((UploadPartRequest) c.request()).contentLength())
                .containsExactlyInAnyOrder(tuple(1, (long) PART), tuple(2, (long) PART), tuple(3, 2L * MIB + 7));
        try (InputStream in = store.open("set/part-0001.json.gz")) {
            assertThat(TestData.sha256(in)).isEqualTo(TestData.sha256OfStream(size, 1));
        }
        assertThat(server.admin().headObject(b -> b.bucket(bucket).key("set/part-0001.json.gz")).eTag()).endsWith("-3\"");
        assertThat(store.stat("set/part-0001.json.gz")).get().extracting(BlobInfo::size).isEqualTo(size);
    }

    @Test
    void sendsBlobOfExactlyOnePartAsOnePutObjectAndOneByteMoreAsTwoParts() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.partSize(PART));

        store.put("exact", TestData.stream(PART, 2));
        List<String> exact = recorder.operations();
        recorder.clear();
        store.put("one-more", TestData.stream(PART + 1, 3));

        assertThat(exact).containsExactly("PutObject");
        assertThat(recorder.operations()).containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart",
                "CompleteMultipartUpload");
        assertThat(store.list("")).extracting(BlobInfo::key, BlobInfo::size)
                .containsExactly(tuple("exact", (long) PART), tuple("one-more", PART + 1L));
    }

    @Test
    void abortsMultipartUploadWhenServerFailsTheThirdPart() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3Client client = server.newClient(true, recorder, failing(r -> r instanceof UploadPartRequest p
                && p.partNumber() == 3));
        S3BlobStore store = hostStore(client, true, b -> b.partSize(PART).uploadConcurrency(1));

        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> store.put("set/part-0002.json.gz", TestData.stream(5L * PART, 4)));

        assertThat(thrown).isNotNull();
        assertThat(thrown.key()).isEqualTo("set/part-0002.json.gz");
        assertThat(thrown.getCause()).isInstanceOf(S3Exception.class);
        assertThat(((S3Exception) thrown.getCause()).statusCode()).isEqualTo(500);
        assertThat(thrown).hasMessageContaining("set/part-0002.json.gz").hasMessageContaining(bucket)
                .hasMessageContaining(server.endpoint().toString()).hasMessageContaining("500")
                .hasMessageContaining("uploading part 3").hasMessageContaining("multipart upload was aborted");
        assertThat(recorder.operations()).contains("AbortMultipartUpload");
        assertThat(recorder.calls("UploadPart")).extracting(c -> ((UploadPartRequest) c.request()).partNumber())
                .doesNotContain(4, 5);
        assertThat(server.uploads(bucket)).isEmpty();
        assertThat(server.objectKeys(bucket)).isEmpty();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void keepsOldContentWhenTheThirdPartOfAReplacingPutFails() {
        S3Client client = server.newClient(true, failing(r -> r instanceof UploadPartRequest p && p.partNumber() == 3));
        S3BlobStore store = hostStore(client, true, b -> b.partSize(PART));
        store.put("set/manifest.json", out -> out.write("old".getBytes(UTF_8)));

        Throwable thrown = catchThrowable(() -> store.put("set/manifest.json", TestData.stream(3L * PART + 1, 5)));

        assertThat(thrown).isInstanceOf(BackupStorageException.class);
        assertThat(read(store, "set/manifest.json")).isEqualTo("old".getBytes(UTF_8));
        assertThat(server.uploads(bucket)).isEmpty();
        assertThat(server.objectKeys(bucket)).containsExactly("set/manifest.json");
    }

    @Test
    void abortsMultipartUploadWhenWriterFailsAfterPartsWereSent() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.partSize(PART));
        IllegalStateException failure = new IllegalStateException("row cursor broke");

        Throwable thrown = catchThrowable(() -> store.put("set/part", out -> {
            TestData.write(out, 2L * PART + 100, 6);
            throw failure;
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasCause(failure)
                .hasMessageContaining("the writer failed").hasMessageContaining("row cursor broke");
        assertThat(recorder.operations()).contains("CreateMultipartUpload", "UploadPart", "AbortMultipartUpload")
                .doesNotContain("CompleteMultipartUpload", "PutObject");
        assertThat(server.uploads(bucket)).isEmpty();
        assertThat(server.objectKeys(bucket)).isEmpty();
    }

    @Test
    void abortsMultipartUploadWhenCompletingItFails() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        ExecutionInterceptor cutOff = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof CompleteMultipartUploadRequest) {
                    throw SdkClientException.create("network cut off (injected)");
                }
            }
        };
        S3BlobStore store = hostStore(server.newClient(true, recorder, cutOff), true, b -> b.partSize(PART));

        Throwable thrown = catchThrowable(() -> store.put("set/part", TestData.stream(PART + 1, 17)));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("network cut off")
                .hasMessageContaining("multipart upload was aborted");
        assertThat(recorder.operations()).endsWith("AbortMultipartUpload");
        assertThat(server.uploads(bucket)).isEmpty();
        assertThat(server.objectKeys(bucket)).isEmpty();
    }

    @Test
    void stopsTheWriterSoonAfterAPartUploadFailed() {
        S3Client client = server.newClient(true, failing(r -> r instanceof UploadPartRequest));
        S3BlobStore store = hostStore(client, true, b -> b.partSize(PART).uploadConcurrency(1));
        AtomicLong written = new AtomicLong();
        AtomicReference<Throwable> seenByWriter = new AtomicReference<>();

        Throwable thrown = catchThrowable(() -> store.put("huge", out -> {
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 16 * 1024; i++) { // 1 GiB if nobody stops it
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                seenByWriter.set(e);
                throw e;
            }
        }));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasCauseInstanceOf(S3Exception.class);
        assertThat(seenByWriter.get()).isInstanceOf(IOException.class).hasMessageContaining("huge");
        assertThat(written.get()).as("bytes the writer got rid of").isLessThanOrEqualTo(4L * PART);
        assertThat(server.uploads(bucket)).isEmpty();
    }

    @Test
    void failsPutOnInterruptedThreadStoringNothingAndKeepingTheInterruptStatus() {
        S3BlobStore store = ownStore(b -> b.partSize(PART));
        store.put("k", out -> out.write("old".getBytes(UTF_8)));

        Thread.currentThread().interrupt();
        Throwable thrown;
        boolean interrupted;
        try {
            thrown = catchThrowable(() -> store.put("k", TestData.stream(2L * PART, 7)));
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("'k'");
        assertThat(interrupted).isTrue();
        assertThat(read(store, "k")).isEqualTo("old".getBytes(UTF_8));
        assertThat(server.uploads(bucket)).isEmpty();
    }

    @Test
    void refusesWritesThroughStreamKeptAfterPutReturned() {
        S3BlobStore store = ownStore(b -> b);
        AtomicReference<OutputStream> kept = new AtomicReference<>();
        store.put("k", out -> {
            kept.set(out);
            out.write('a');
        });

        assertThatThrownBy(() -> kept.get().write('b')).isInstanceOf(IOException.class).hasMessageContaining("'k'");
        assertThat(read(store, "k")).isEqualTo(new byte[] {'a'});
    }

    @Test
    void toleratesWriterThatClosesTheStream() throws IOException {
        S3BlobStore store = ownStore(b -> b);
        store.put("part.json.gz", out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            gzip.write("{\"rows\":[]}".getBytes(UTF_8));
            gzip.close(); // closes 'out' too, which BlobWriter forbids; the store ignores it
        });

        try (GZIPInputStream in = new GZIPInputStream(store.open("part.json.gz"))) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("{\"rows\":[]}");
        }
    }

    // ---------------------------------------------------------------- checksums

    @Test
    void sendsSha256OfEveryPutAndPartOutsideCompatibleMode() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(false, recorder), false, b -> b.partSize(PART));
        byte[] small = TestData.bytes(1000, 8);
        byte[] large = TestData.bytes(PART + 1234, 9);

        store.put("small", out -> out.write(small));
        store.put("large", out -> out.write(large));

        RecordingInterceptor.Call put = recorder.calls("PutObject").get(0);
        assertThat(put.header("x-amz-checksum-sha256")).isEqualTo(TestData.base64("SHA-256", small, 0, small.length));
        assertThat(put.header("Content-MD5")).isNull();
        assertThat(recorder.calls("CreateMultipartUpload").get(0).header("x-amz-checksum-algorithm"))
                .isEqualTo("SHA256");
        assertThat(recorder.calls("UploadPart")).extracting(c -> ((UploadPartRequest) c.request()).partNumber(),
                c -> c.header("x-amz-checksum-sha256")).containsExactlyInAnyOrder(
                        tuple(1, TestData.base64("SHA-256", large, 0, PART)),
                        tuple(2, TestData.base64("SHA-256", large, PART, 1234)));
        assertThat(((CompleteMultipartUploadRequest) recorder.calls("CompleteMultipartUpload").get(0).request())
                .multipartUpload().parts()).extracting(p -> p.checksumSHA256()).doesNotContainNull();
        assertThat(read(store, "large")).isEqualTo(large);
    }

    @Test
    void sendsContentMd5AndNoFlexibleChecksumsInCompatibleMode() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.partSize(PART));
        byte[] small = TestData.bytes(1000, 10);
        byte[] large = TestData.bytes(PART + 99, 11);

        store.put("small", out -> out.write(small));
        store.put("large", out -> out.write(large));
        store.deleteAll(List.of("small", "large"));

        assertThat(recorder.calls("PutObject").get(0).header("Content-MD5"))
                .isEqualTo(TestData.base64("MD5", small, 0, small.length));
        assertThat(recorder.calls("UploadPart")).extracting(c -> c.header("Content-MD5")).containsExactlyInAnyOrder(
                TestData.base64("MD5", large, 0, PART), TestData.base64("MD5", large, PART, 99));
        assertThat(recorder.calls("DeleteObjects").get(0).header("Content-MD5")).isNotNull();
        assertThat(recorder.calls("PutObject").get(0).http().headers().keySet())
                .noneMatch(h -> h.toLowerCase().startsWith("x-amz-checksum") || h.equalsIgnoreCase("x-amz-trailer"));
        assertThat(recorder.calls("CreateMultipartUpload").get(0).header("x-amz-checksum-algorithm")).isNull();
    }

    @Test
    void rejectsAPartCorruptedOnTheWayThroughItsContentMd5() {
        ExecutionInterceptor corrupting = new ExecutionInterceptor() {
            @Override
            public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
                    ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
                    try (InputStream in = context.requestBody().orElseThrow().contentStreamProvider().newStream()) {
                        byte[] bytes = in.readAllBytes();
                        bytes[bytes.length / 2] ^= 1; // one flipped bit, as a broken proxy or NIC would
                        return Optional.of(RequestBody.fromBytes(bytes));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return context.requestBody();
            }
        };
        S3BlobStore store = hostStore(server.newClient(true, corrupting), true, b -> b.partSize(PART));

        Throwable thrown = catchThrowable(() -> store.put("set/part", TestData.stream(2L * PART + 5, 12)));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("set/part")
                .hasMessageContaining("multipart upload was aborted");
        assertThat(thrown.getCause()).isInstanceOf(S3Exception.class);
        assertThat(((S3Exception) thrown.getCause()).statusCode()).isEqualTo(400);
        assertThat(server.uploads(bucket)).isEmpty();
        assertThat(server.objectKeys(bucket)).isEmpty();
    }

    @Test
    void deletesTheObjectWhenS3ReportsAnotherChecksumForTheCompletedUpload() {
        ExecutionInterceptor lying = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof CompleteMultipartUploadResponse r) {
                    return r.toBuilder().checksumSHA256("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=-2").build();
                }
                return context.response();
            }
        };
        S3BlobStore store = hostStore(server.newClient(false, lying), false, b -> b.partSize(PART));

        Throwable thrown = catchThrowable(() -> store.put("set/part", TestData.stream(PART + 10, 13)));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("SHA-256")
                .hasMessageContaining("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=-2")
                .hasMessageContaining("deleted again");
        assertThat(server.objectKeys(bucket)).isEmpty();
        assertThat(server.uploads(bucket)).isEmpty();
    }

    @Test
    void acceptsTheChecksumS3ReportsWhenItMatches() {
        byte[] content = TestData.bytes(3000, 14);
        String sha256 = TestData.base64("SHA-256", content, 0, content.length);
        ExecutionInterceptor echoing = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof PutObjectResponse r) {
                    return r.toBuilder().checksumSHA256(sha256).build(); // what AWS S3 answers
                }
                return context.response();
            }
        };
        S3BlobStore store = hostStore(server.newClient(false, echoing), false, b -> b);

        store.put("manifest.json", out -> out.write(content));

        assertThat(read(store, "manifest.json")).isEqualTo(content);
    }

    @Test
    void deletesTheObjectWhenS3ReportsAnotherChecksumForASinglePut() {
        ExecutionInterceptor lying = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof PutObjectResponse r) {
                    return r.toBuilder().checksumSHA256("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=").build();
                }
                return context.response();
            }
        };
        S3BlobStore store = hostStore(server.newClient(false, lying), false, b -> b);

        Throwable thrown = catchThrowable(() -> store.put("manifest.json", out -> out.write(new byte[100])));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("manifest.json")
                .hasMessageContaining("SHA-256");
        assertThat(server.objectKeys(bucket)).isEmpty();
    }

    // ---------------------------------------------------------------- open

    @Test
    void namesTheStoreWhenOpeningAMissingKey() {
        S3BlobStore store = ownStore(b -> b.prefix("backups"));

        BlobNotFoundException thrown = catchThrowableOfType(BlobNotFoundException.class,
                () -> store.open("set/manifest.json"));

        assertThat(thrown).isNotNull();
        assertThat(thrown.key()).isEqualTo("set/manifest.json");
        assertThat(thrown).hasMessageContaining("s3://" + bucket + "/backups")
                .hasMessageContaining(server.endpoint().toString());
    }

    @Test
    void closingAStreamBeforeItsEndAbortsTheDownload() throws IOException {
        S3BlobStore store = ownStore(b -> b);
        store.put("big", TestData.stream(12L * MIB, 15));

        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            try (InputStream in = store.open("big")) {
                assertThat(in.read(new byte[10])).isPositive();
            }
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(read(store, "big")).hasSize(12 * MIB); // the connection pool is still healthy
    }

    // ---------------------------------------------------------------- list

    @Test
    void followsListPaginationWithSmallPages() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.prefix("p").listPageSize(2));
        List<String> keys = new ArrayList<>(List.of("set-1/a", "set-1/b", "set-1/c", "set-2/a", "set-2/b", "x", "y"));
        Collections.shuffle(keys);
        for (String key : keys) {
            store.put(key, out -> out.write(key.getBytes(UTF_8)));
        }
        recorder.clear();

        List<BlobInfo> all = store.list("");
        int pagesForAll = recorder.calls("ListObjectsV2").size();
        List<BlobInfo> set1 = store.list("set-1/");

        assertThat(all).extracting(BlobInfo::key)
                .containsExactly("set-1/a", "set-1/b", "set-1/c", "set-2/a", "set-2/b", "x", "y");
        assertThat(all).extracting(BlobInfo::size).containsExactly(7L, 7L, 7L, 7L, 7L, 1L, 1L);
        assertThat(pagesForAll).isEqualTo(4);
        assertThat(set1).extracting(BlobInfo::key).containsExactly("set-1/a", "set-1/b", "set-1/c");
        assertThat(recorder.calls("ListObjectsV2")).hasSize(4 + 2);
    }

    @Test
    void listsMoreThanAThousandKeysAndDeletesThemInBatchesOfAThousand() throws Exception {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.prefix("many"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            keys.add(String.format("set/part-%04d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String key : keys) {
                futures.add(pool.submit(() -> store.put(key, out -> out.write(1))));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        recorder.clear();

        List<BlobInfo> listed = store.list("set/");
        int listCalls = recorder.calls("ListObjectsV2").size();
        store.deleteAll(keys);

        assertThat(listed).extracting(BlobInfo::key).containsExactlyElementsOf(keys);
        assertThat(listCalls).isEqualTo(2);
        assertThat(recorder.calls("DeleteObjects")).hasSize(2);
        assertThat(store.list("")).isEmpty();
        assertThat(server.objectKeys(bucket)).isEmpty();
    }

    @Test
    void listSkipsForeignObjectsWhoseKeysAreNoBlobKeys() {
        S3BlobStore store = ownStore(b -> b.prefix("backups"));
        store.put("set/part", out -> out.write(1));
        // ("a//b" is missing: S3Proxy cannot check the SigV4 signature of such a key)
        for (String foreign : List.of("backups/set/has space", "backups/set/./dot", "backups/set/ü",
                "backups/set/a:b", "backups/set/trailing/", "backups-other/set/x", "backups")) {
            server.admin().putObject(b -> b.bucket(bucket).key(foreign), RequestBody.fromString("x"));
        }

        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("set/part");
        assertThat(store.list("set/")).extracting(BlobInfo::key).containsExactly("set/part");
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteAllSendsBatchesOfTheConfiguredSizeAndToleratesMissingAndRepeatedKeys() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3BlobStore store = hostStore(server.newClient(true, recorder), true, b -> b.prefix("p").deleteBatchSize(3));
        for (int i = 0; i < 8; i++) {
            String key = "set/part-" + i;
            store.put(key, out -> out.write(1));
        }
        store.put("kept", out -> out.write(1));
        recorder.clear();

        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            doomed.add("set/part-" + i);
        }
        doomed.add("set/part-3"); // twice
        doomed.add("set/never-written");
        store.deleteAll(doomed);

        assertThat(recorder.calls("DeleteObjects")).hasSize(3); // 9 distinct keys, 3 a batch
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("kept");
        assertThat(server.objectKeys(bucket)).containsExactly("p/kept");
    }

    @Test
    void deleteAllSurfacesEveryKeyS3CouldNotDelete() {
        ExecutionInterceptor refusing = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof DeleteObjectsResponse r) {
                    return r.toBuilder().errors(
                            S3Error.builder().key("p/set/b").code("AccessDenied").message("Access Denied").build(),
                            S3Error.builder().key("p/set/e").code("InternalError").message("try again").build(),
                            S3Error.builder().key("p/set/gone").code("NoSuchKey").message("no such key").build())
                            .build();
                }
                return context.response();
            }
        };
        S3BlobStore store = hostStore(server.newClient(true, refusing), true, b -> b.prefix("p").deleteBatchSize(2));

        S3BatchDeleteException thrown = catchThrowableOfType(S3BatchDeleteException.class,
                () -> store.deleteAll(List.of("set/a", "set/b", "set/c", "set/d", "set/e")));

        assertThat(thrown).isNotNull();
        assertThat(thrown).isInstanceOf(BackupStorageException.class);
        // every batch reported the same injected errors; each failed key is listed once, NoSuchKey is no failure
        assertThat(thrown.failures()).containsOnlyKeys("set/b", "set/e");
        assertThat(thrown.failures().get("set/b")).isEqualTo("AccessDenied: Access Denied");
        assertThat(thrown.key()).isEqualTo("set/b");
        assertThat(thrown).hasMessageContaining("'set/b' (AccessDenied: Access Denied)")
                .hasMessageContaining("'set/e' (InternalError: try again)").hasMessageContaining(bucket)
                .hasMessageContaining(server.endpoint().toString());
    }

    @Test
    void deleteAllChecksEveryKeyBeforeDeletingAny() {
        S3BlobStore store = ownStore(b -> b);
        store.put("a", out -> out.write(1));

        assertThatThrownBy(() -> store.deleteAll(List.of("a", "../etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../etc/passwd");
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("a");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void wrongSecretFailsNamingBucketAndEndpointButNeverTheSecret() {
        String wrongSecret = "wrong-secret-Qm7dR2";
        S3BlobStore store = track(S3BlobStore.builder().bucket(bucket).prefix("backups")
                .endpointOverride(server.endpoint()).pathStyleAccess(true).compatibleMode(true)
                .credentials(S3ProxyServer.ACCESS_KEY_ID, wrongSecret).build());

        List<Throwable> failures = everyOperationFails(store);

        for (Throwable failure : failures) {
            assertThat(failure).isInstanceOf(BackupStorageException.class).hasMessageContaining(bucket)
                    .hasMessageContaining(server.endpoint().toString());
            assertThat(stackTrace(failure)).doesNotContain(wrongSecret).doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY);
        }
        assertThat(failures.get(0)).hasMessageContaining("SignatureDoesNotMatch")
                .hasMessageContaining("secret access key does not match");
        assertThat(store.describe()).doesNotContain(wrongSecret).doesNotContain(S3ProxyServer.ACCESS_KEY_ID);
    }

    @Test
    void unknownAccessKeyFailsNamingBucketEndpointAndWhereCredentialsComeFrom() {
        S3BlobStore store = track(S3BlobStore.builder().bucket(bucket).endpointOverride(server.endpoint())
                .pathStyleAccess(true).compatibleMode(true).credentials("nobody", "nothing-secret-8Hk").build());

        List<Throwable> failures = everyOperationFails(store);

        assertThat(failures.get(0)).hasMessageContaining("InvalidAccessKeyId").hasMessageContaining(bucket)
                .hasMessageContaining(server.endpoint().toString()).hasMessageContaining("AWS_ACCESS_KEY_ID");
        for (Throwable failure : failures) {
            assertThat(stackTrace(failure)).doesNotContain("nothing-secret-8Hk");
        }
    }

    @Test
    void missingBucketFailsNamingBucketAndWhatToCheck() {
        S3BlobStore store = track(server.storeBuilder("no-such-bucket").build());

        Throwable list = catchThrowable(() -> store.list(""));
        Throwable put = catchThrowable(() -> store.put("k", out -> out.write(1)));
        Throwable stat = catchThrowable(() -> store.stat("k")); // HEAD has no body to tell bucket from key

        assertThat(list).isInstanceOf(BackupStorageException.class).hasMessageContaining("'no-such-bucket'")
                .hasMessageContaining("does not exist").hasMessageContaining(server.endpoint().toString())
                .hasMessageContaining("path-style");
        assertThat(put).isInstanceOf(BackupStorageException.class).hasMessageContaining("'no-such-bucket'")
                .hasMessageContaining("'k'");
        assertThat(stat).isInstanceOf(BackupStorageException.class).hasMessageContaining("'no-such-bucket'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void unreachableEndpointFailsNamingIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3BlobStore store = track(S3BlobStore.builder().bucket(bucket).endpointOverride(endpoint).pathStyleAccess(true)
                .compatibleMode(true).credentials("a", "b-secret").build());

        Throwable thrown = catchThrowable(() -> store.list(""));

        assertThat(thrown).isInstanceOf(BackupStorageException.class).hasMessageContaining("could not connect")
                .hasMessageContaining(endpoint.toString()).hasMessageContaining(bucket);
    }

    @Test
    void missingCredentialsFailSayingWhereTheyAreLookedFor() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        S3BlobStore store = track(S3BlobStore.builder().bucket(bucket).endpointOverride(server.endpoint())
                .pathStyleAccess(true).compatibleMode(true).credentialsProvider(none).build());

        assertThatThrownBy(() -> store.list("")).isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("no credentials were found").hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining(bucket);
    }

    // ---------------------------------------------------------------- sweep

    @Test
    void sweepAbortsStaleUploadsUnderThePrefixOnly() {
        S3Client admin = server.admin();
        String staleA = admin.createMultipartUpload(b -> b.bucket(bucket).key("backups/set-1/part-1")).uploadId();
        admin.uploadPart(b -> b.bucket(bucket).key("backups/set-1/part-1").uploadId(staleA).partNumber(1),
                RequestBody.fromBytes(new byte[1000]));
        admin.createMultipartUpload(b -> b.bucket(bucket).key("backups/set-2/manifest.json"));
        admin.createMultipartUpload(b -> b.bucket(bucket).key("backups-other/x"));
        admin.createMultipartUpload(b -> b.bucket(bucket).key("elsewhere/y"));
        Clock twoDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        S3BlobStore store = ownStore(b -> b.prefix("backups").clock(twoDaysLater));

        int aborted = store.sweepIncompleteUploads(Duration.ofDays(1));

        assertThat(aborted).isEqualTo(2);
        assertThat(server.uploads(bucket)).extracting(MultipartUpload::key)
                .containsExactlyInAnyOrder("backups-other/x", "elsewhere/y");
        // S3Proxy keeps a stub object per upload in progress; the aborted ones left nothing
        assertThat(server.objectKeys(bucket)).noneMatch(k -> k.contains("backups/"));
    }

    @Test
    void sweepKeepsUploadsYoungerThanTheGracePeriod() {
        server.admin().createMultipartUpload(b -> b.bucket(bucket).key("backups/set-1/part-1"));
        S3BlobStore store = ownStore(b -> b.prefix("backups"));

        int aborted = store.sweepIncompleteUploads(Duration.ofHours(1));

        assertThat(aborted).isZero();
        assertThat(server.uploads(bucket)).hasSize(1);
        assertThatThrownBy(() -> store.sweepIncompleteUploads(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("olderThan");
    }

    // ---------------------------------------------------------------- configuration, describe, close

    @Test
    void sendsEncryptionAndStorageClassWithEveryNewObject() {
        RecordingInterceptor recorder = new RecordingInterceptor();
        S3Client client = server.newClient(true, recorder);
        S3BlobStore kms = hostStore(client, true, b -> b.partSize(PART).sseKms("alias/backups").storageClass("STANDARD_IA"));
        S3BlobStore s3 = hostStore(client, true, b -> b.sseS3());

        kms.put("small", out -> out.write(1));
        kms.put("large", TestData.stream(PART + 1, 16));
        s3.put("other", out -> out.write(1));

        for (RecordingInterceptor.Call call : List.of(recorder.calls("PutObject").get(0),
                recorder.calls("CreateMultipartUpload").get(0))) {
            assertThat(call.header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
            assertThat(call.header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo("alias/backups");
            assertThat(call.header("x-amz-storage-class")).isEqualTo("STANDARD_IA");
        }
        RecordingInterceptor.Call sseS3 = recorder.calls("PutObject").get(1);
        assertThat(sseS3.header("x-amz-server-side-encryption")).isEqualTo("AES256");
        assertThat(sseS3.header("x-amz-server-side-encryption-aws-kms-key-id")).isNull();
        assertThat(sseS3.header("x-amz-storage-class")).isNull();
    }

    @Test
    void describesBucketPrefixAndEndpointWithoutCredentials() {
        S3BlobStore local = ownStore(b -> b.prefix("backups/qa-app/"));
        S3BlobStore aws = track(S3BlobStore.builder().bucket("acme-backups").region("eu-west-1")
                .credentials("AKIDEXAMPLE", "aws-secret-example").build());

        assertThat(local.describe()).isEqualTo("s3://" + bucket + "/backups/qa-app at " + server.endpoint());
        assertThat(local).hasToString(local.describe());
        assertThat(local.prefix()).isEqualTo("backups/qa-app");
        assertThat(aws.describe()).isEqualTo("s3://acme-backups");
        assertThat(aws.describe() + local.describe()).doesNotContain("AKIDEXAMPLE").doesNotContain("aws-secret")
                .doesNotContain(S3ProxyServer.ACCESS_KEY_ID).doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY);
        assertThat(aws.isCompatibleMode()).isFalse();
        assertThat(aws.partSize()).isEqualTo(16L * MIB);
        assertThat(aws.uploadConcurrency()).isEqualTo(2);
    }

    @Test
    void reportsEveryConfigurationProblemAtOnce() {
        S3BlobStore.Builder builder = S3BlobStore.builder().client(server.admin()).bucket("bad/bucket")
                .prefix("/abs/../x").region("eu-west-1").partSize(MIB).uploadConcurrency(0).storageClass("cold");

        BackupConfigurationException thrown = catchThrowableOfType(BackupConfigurationException.class, builder::build);

        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).hasSize(6);
        assertThat(thrown.problems()).anySatisfy(p -> assertThat(p).startsWith("bucket was 'bad/bucket'"))
                .anySatisfy(p -> assertThat(p).startsWith("prefix was '/abs/../x'"))
                .anySatisfy(p -> assertThat(p).startsWith("region were set together with a host client"))
                .anySatisfy(p -> assertThat(p).startsWith("partSize was 1048576 but it must be between 5242880"))
                .anySatisfy(p -> assertThat(p).startsWith("uploadConcurrency was 0"))
                .anySatisfy(p -> assertThat(p).startsWith("storageClass was 'cold'"));
        assertThatThrownBy(() -> S3BlobStore.builder().build()).isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("bucket was not set");
        assertThatThrownBy(() -> S3BlobStore.builder().bucket("b").endpointOverride(URI.create("http://u:p@h:1"))
                .build()).isInstanceOf(BackupConfigurationException.class).hasMessageContaining("user info")
                .hasMessageNotContaining("u:p");
    }

    @Test
    void neverClosesTheHostsClient() {
        S3Client client = server.newClient(true);
        S3BlobStore store = S3BlobStore.of(client, bucket, "p");
        store.put("k", out -> out.write(1));

        store.close();
        store.close(); // idempotent

        assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
        assertThatThrownBy(() -> store.put("k2", out -> out.write(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void refusesWorkOnceClosed() {
        S3BlobStore store = ownStore(b -> b);
        store.put("k", out -> out.write(1));

        store.close();

        assertThatThrownBy(() -> store.list("")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.open("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.delete("k")).isInstanceOf(IllegalStateException.class);
        assertThat(server.objectKeys(bucket)).containsExactly("k");
    }

    /** The README's example for AWS, kept compiling; it sends no request (the backup itself is left out). */
    @Test
    void buildsReadmeExampleForAws() {
        DataSource dataSource = new PGSimpleDataSource();
        BackupPlan plan = QaAppPlan.plan();
        String described;
        try (S3BlobStore store = S3BlobStore.builder()
                .bucket("acme-backups").prefix("qa-app")   // blob k is object qa-app/k
                .region("eu-central-1")                    // credentials: the SDK's default chain
                .sseKms("alias/backups")                   // or .sseS3(); default: the bucket's encryption
                .storageClass("STANDARD_IA")               // default: the bucket's (STANDARD)
                .build()) {
            Backups backups = Backups.builder().store(store)
                    .source(JdbcSource.of(dataSource)).plan(plan).build();
            assertThat(backups.store()).isSameAs(store);
            described = store.describe();
        }

        assertThat(described).isEqualTo("s3://acme-backups/qa-app");
    }

    /** The README's example for MinIO, R2 and other S3-compatible stores, kept compiling and working here. */
    @Test
    void runsReadmeExampleForS3CompatibleStores() throws IOException {
        URI minio = server.endpoint();
        String accessKey = S3ProxyServer.ACCESS_KEY_ID;
        String secretKey = S3ProxyServer.SECRET_ACCESS_KEY;
        String text;
        try (S3BlobStore store = S3BlobStore.builder()
                .bucket(bucket).prefix("backups/qa-app")       // blob k is object backups/qa-app/k
                .endpointOverride(minio).pathStyleAccess(true) // e.g. http://minio:9000
                .region("us-east-1")                           // "auto" for Cloudflare R2
                .credentials(accessKey, secretKey)
                .compatibleMode(true)                          // Content-MD5, no flexible checksums
                .build()) {
            store.put("notes/hello.txt", out -> out.write("hello".getBytes(UTF_8)));
            try (InputStream in = store.open("notes/hello.txt")) {
                text = new String(in.readAllBytes(), UTF_8);
            }
            store.sweepIncompleteUploads(Duration.ofDays(1)); // e.g. before pruning
        }

        assertThat(text).isEqualTo("hello");
        assertThat(server.objectKeys(bucket)).containsExactly("backups/qa-app/notes/hello.txt");
    }

    // ---------------------------------------------------------------- helpers

    private S3BlobStore ownStore(UnaryOperator<S3BlobStore.Builder> options) {
        return track(options.apply(server.storeBuilder(bucket)).build());
    }

    private S3BlobStore hostStore(S3Client client, boolean compatibleMode,
            UnaryOperator<S3BlobStore.Builder> options) {
        return track(options.apply(S3BlobStore.builder().client(client).bucket(bucket).compatibleMode(compatibleMode))
                .build());
    }

    private S3BlobStore track(S3BlobStore store) {
        stores.add(store);
        return store;
    }

    private static byte[] read(BlobStore store, String key) {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each operation of the store, expected to fail; put first. */
    private static List<Throwable> everyOperationFails(S3BlobStore store) {
        List<Throwable> failures = new ArrayList<>(Arrays.asList(
                catchThrowable(() -> store.put("set/part", out -> out.write(1))),
                catchThrowable(() -> store.list("")),
                catchThrowable(() -> store.open("set/part")),
                catchThrowable(() -> store.stat("set/part")),
                catchThrowable(() -> store.delete("set/part")),
                catchThrowable(() -> store.deleteAll(List.of("set/part"))),
                catchThrowable(() -> store.sweepIncompleteUploads(Duration.ZERO))));
        assertThat(failures).doesNotContainNull().allSatisfy(f -> assertThat(f).isInstanceOf(BackupStorageException.class));
        return failures;
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** Answers 500 to every request that {@code matches}, after the server handled it. */
    private static ExecutionInterceptor failing(Predicate<SdkRequest> matches) {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                    ExecutionAttributes attributes) {
                if (matches.test(context.request())) {
                    return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error")
                            .build();
                }
                return context.httpResponse();
            }
        };
    }
}
