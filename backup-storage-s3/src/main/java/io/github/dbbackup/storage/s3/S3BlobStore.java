package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A {@link BlobStore} on Amazon S3 or an S3-compatible store (MinIO, Cloudflare R2, Ceph,
 * Backblaze B2, …), on the AWS SDK for Java v2's synchronous {@link S3Client}. Blob {@code k} is
 * the object {@code <prefix>/k} in the bucket.
 *
 * <pre>{@code
 * try (S3BlobStore store = S3BlobStore.builder()
 *         .bucket("acme-backups").prefix("qa-app").region("eu-central-1") // credentials: SDK default chain
 *         .sseKms("arn:aws:kms:eu-central-1:111122223333:key/…")
 *         .build()) {
 *     Backups.builder().store(store)…build().backup();
 * }
 * }</pre>
 *
 * <p><b>Put</b> streams the writer's bytes through a bounded buffer: a blob of at most
 * {@linkplain Builder#partSize(long) one part} (default {@value #DEFAULT_PART_SIZE_MIB} MiB) is
 * sent as one {@code PutObject}; a larger one as a multipart upload whose parts are sent by up to
 * {@linkplain Builder#uploadConcurrency(int) upload-concurrency} background threads while the writer
 * fills the next part. A put never holds more than part size × (1 + upload concurrency) bytes of
 * content (48 MiB with the defaults), whatever the blob's size. On any failure — the writer throws,
 * a request fails after the SDK's retries, the thread is interrupted — the multipart upload is
 * aborted and nothing becomes visible under the key; an existing object keeps its content.
 *
 * <p><b>Integrity.</b> By default every {@code PutObject} and {@code UploadPart} carries the
 * SHA-256 of its bytes ({@code x-amz-checksum-sha256}), which S3 checks before accepting them, and
 * the checksum S3 reports back (for a single object; the checksum of the part checksums for a
 * multipart upload) is compared with the one computed here. A blob stored in one part thus keeps
 * the same SHA-256 in S3 as in the backup manifest. In {@linkplain Builder#compatibleMode(boolean)
 * S3-compatible mode} each request carries {@code Content-MD5} instead, which every S3-compatible
 * server checks.
 *
 * <p>Thread-safe. Holds a pool of upload threads and, unless the host passed its own client, an S3
 * client and its HTTP client: {@link #close()} releases them. A client passed with
 * {@link Builder#client(S3Client)} belongs to the host and is never closed or configured here.
 *
 * @since 0.1
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    /** The default part size in MiB, for documentation. */
    static final int DEFAULT_PART_SIZE_MIB = 16;

    /** The default part size: 16 MiB. */
    public static final long DEFAULT_PART_SIZE = DEFAULT_PART_SIZE_MIB * 1024L * 1024L;

    /** The smallest part size: 5 MiB, S3's minimum for all parts but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** The largest part size: 1 GiB, since parts are held in memory (S3 allows up to 5 GiB). */
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;

    /** The default number of parts uploaded at the same time by one put: 2. */
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 2;

    /** The most parts uploaded at the same time by one put: 64. */
    public static final int MAX_UPLOAD_CONCURRENCY = 64;

    /** The most parts of one multipart upload: 10,000 (S3's limit). */
    public static final int MAX_PARTS = 10_000;

    /** The most keys one {@code DeleteObjects} request deletes: 1000 (S3's limit). */
    public static final int MAX_KEYS_PER_DELETE = 1000;

    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");
    private static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._/-]*");
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final String SERVER = "the server";
    /** How long a failing put waits for its part uploads to stop before aborting the upload. */
    private static final long ABORT_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final S3Client client;
    private final boolean ownsClient;
    private final SdkHttpClient ownedHttpClient;
    private final String bucket;
    private final String prefix;
    private final String keyPrefix;
    private final URI endpoint;
    private final String region;
    private final boolean compatibleMode;
    private final ServerSideEncryption encryption;
    private final String kmsKeyId;
    private final String storageClass;
    private final long partSize;
    private final int uploadConcurrency;
    private final int listPageSize;
    private final int deleteBatchSize;
    private final Clock clock;
    private final ExecutorService uploads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private S3BlobStore(Builder b, S3Client client, SdkHttpClient ownedHttpClient, URI endpoint, String region) {
        this.client = client;
        this.ownsClient = ownedHttpClient != null;
        this.ownedHttpClient = ownedHttpClient;
        this.bucket = b.bucket;
        this.prefix = b.normalizedPrefix();
        this.keyPrefix = prefix.isEmpty() ? "" : prefix + "/";
        this.endpoint = endpoint;
        this.region = region;
        this.compatibleMode = b.compatibleMode;
        this.encryption = b.encryption;
        this.kmsKeyId = b.kmsKeyId;
        this.storageClass = b.storageClass;
        this.partSize = b.partSize;
        this.uploadConcurrency = b.uploadConcurrency;
        this.listPageSize = b.listPageSize;
        this.deleteBatchSize = b.deleteBatchSize;
        this.clock = b.clock;
        AtomicInteger threads = new AtomicInteger();
        String name = "dbbackup-s3-upload-" + bucket + "-";
        this.uploads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, name + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts a builder.
     *
     * @return a new, single-use builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a store on a client the host built and owns, with the defaults for everything else
     * (not S3-compatible mode, no encryption option, 16 MiB parts, 2 concurrent part uploads).
     *
     * @param client the host's client; never closed by the store
     * @param bucket the bucket
     * @param prefix the key prefix, e.g. {@code backups/qa-app}; empty for the bucket's root
     * @return the store
     * @throws BackupConfigurationException when the bucket or prefix is invalid
     */
    public static S3BlobStore of(S3Client client, String bucket, String prefix) {
        return builder().client(client).bucket(bucket).prefix(prefix).build();
    }

    /**
     * Returns the bucket.
     *
     * @return the bucket name
     */
    public String bucket() {
        return bucket;
    }

    /**
     * Returns the key prefix, without a trailing slash.
     *
     * @return the prefix, empty when blobs are at the bucket's root
     */
    public String prefix() {
        return prefix;
    }

    /**
     * Returns whether this store sends {@code Content-MD5} instead of SHA-256 checksums (see
     * {@link Builder#compatibleMode(boolean)}).
     *
     * @return {@code true} in S3-compatible mode
     */
    public boolean isCompatibleMode() {
        return compatibleMode;
    }

    /**
     * Returns the part size of multipart uploads.
     *
     * @return the part size in bytes
     */
    public long partSize() {
        return partSize;
    }

    /**
     * Returns how many parts one put uploads at the same time.
     *
     * @return the upload concurrency
     */
    public int uploadConcurrency() {
        return uploadConcurrency;
    }

    // ---------------------------------------------------------------- put

    /**
     * Stores a blob, all of it or nothing: one {@code PutObject} when it fits in one part, else a
     * multipart upload that is aborted on any failure. Memory: at most part size × (1 + upload
     * concurrency) bytes of content. The stream handed to {@code writer} ignores {@code flush()}
     * and {@code close()}; writing to it after the put returned fails.
     *
     * @param key the key
     * @param writer writes the content; called once, unless the key is refused before
     * @throws BackupStorageException naming the key, the bucket and the endpoint when the writer
     *     or S3 fails or the thread is interrupted; the writer's exception, or else S3's, is the
     *     cause. Nothing is visible under the key then, and an existing blob keeps its content.
     * @throws IllegalArgumentException when the key is invalid
     * @throws IllegalStateException when the store is closed
     */
    @Override
    public void put(String key, BlobWriter writer) {
        String objectKey = objectKey(key);
        Objects.requireNonNull(writer, "writer");
        checkOpen();
        Upload upload = new Upload(key, objectKey);
        Throwable writerFailure = null;
        try {
            writer.writeTo(upload);
        } catch (Throwable t) {
            writerFailure = t;
        }
        if (writerFailure != null) {
            throw upload.fail(writerFailure, true);
        }
        try {
            upload.finish();
        } catch (Throwable t) {
            throw upload.fail(t, false);
        }
    }

    // ---------------------------------------------------------------- open, stat, list

    /**
     * Opens a blob for streaming ({@code GetObject}). The caller must close the stream; closing it
     * before the end aborts the download instead of reading the rest.
     *
     * @param key the key
     * @return the content, unbuffered
     * @throws BlobNotFoundException when there is no such blob
     * @throws BackupStorageException naming the key, the bucket and the endpoint when S3 fails
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public InputStream open(String key) {
        String objectKey = objectKey(key);
        checkOpen();
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(objectKey));
            return new BlobInputStream(in);
        } catch (NoSuchKeyException e) {
            throw notFound(key);
        } catch (S3Exception e) {
            if (isPlainNotFound(e)) {
                throw notFound(key);
            }
            throw failure(key, "open blob '" + key + "'", e);
        } catch (SdkException e) {
            throw failure(key, "open blob '" + key + "'", e);
        }
    }

    /**
     * Describes one blob with a {@code HeadObject} request.
     *
     * @param key the key
     * @return the blob, empty when there is none
     * @throws BackupStorageException naming the key, the bucket and the endpoint when S3 fails
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public Optional<BlobInfo> stat(String key) {
        String objectKey = objectKey(key);
        checkOpen();
        String action = "read the attributes of blob '" + key + "'";
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(objectKey));
            return Optional.of(new BlobInfo(key, head.contentLength(), head.lastModified()));
        } catch (S3Exception e) {
            if (e instanceof NoSuchKeyException || isPlainNotFound(e)) {
                // HEAD answers have no body: a missing bucket looks like a missing key, so ask
                checkBucketExists(key, action);
                return Optional.empty();
            }
            throw failure(key, action, e);
        } catch (SdkException e) {
            throw failure(key, action, e);
        }
    }

    private void checkBucketExists(String key, String action) {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw failure(key, action, S3Exception.builder().statusCode(404).message("bucket not found")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket")
                                .errorMessage("The specified bucket does not exist").build()).cause(e).build());
            }
            throw failure(key, action, e);
        } catch (SdkException e) {
            throw failure(key, action, e);
        }
    }

    /**
     * Lists the blobs whose keys start with {@code prefix} (a plain string prefix), sorted by key,
     * following {@code ListObjectsV2} pagination. Objects under the store's prefix whose relative
     * key is no valid blob key (written by something else) are skipped. A prefix no key can start
     * with lists nothing without asking S3.
     *
     * @param prefix the prefix, empty for all
     * @return the blobs with size and last-modified time, empty when none
     * @throws BackupStorageException naming the prefix, the bucket and the endpoint when S3 fails
     */
    @Override
    public List<BlobInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        checkOpen();
        if (!couldStartAKey(prefix)) {
            return List.of();
        }
        List<BlobInfo> blobs = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(bucket)
                    .prefix(keyPrefix + prefix).maxKeys(listPageSize))) {
                for (S3Object object : page.contents()) {
                    if (!object.key().startsWith(keyPrefix)) {
                        continue;
                    }
                    String key = object.key().substring(keyPrefix.length());
                    if (key.startsWith(prefix) && isValidKey(key)) {
                        blobs.add(new BlobInfo(key, object.size() == null ? 0 : object.size(),
                                object.lastModified() == null ? Instant.EPOCH : object.lastModified()));
                    }
                }
            }
        } catch (SdkException e) {
            throw failure(prefix, "list blobs with prefix '" + prefix + "'", e);
        }
        blobs.sort(Comparator.comparing(BlobInfo::key));
        return List.copyOf(blobs);
    }

    // ---------------------------------------------------------------- delete

    /**
     * Deletes a blob ({@code DeleteObject}). Deleting a missing key, or a key that is only a
     * prefix of other blobs, does nothing.
     *
     * @param key the key
     * @throws BackupStorageException naming the key, the bucket and the endpoint when S3 fails
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public void delete(String key) {
        String objectKey = objectKey(key);
        checkOpen();
        try {
            client.deleteObject(b -> b.bucket(bucket).key(objectKey));
        } catch (NoSuchKeyException e) {
            // some S3-compatible stores answer 404 where S3 answers 204: deleted all the same
        } catch (SdkException e) {
            throw failure(key, "delete blob '" + key + "'", e);
        }
    }

    /**
     * Deletes many blobs with as few requests as S3 allows: {@code DeleteObjects} with at most
     * {@value #MAX_KEYS_PER_DELETE} keys each. Missing keys are not an error; duplicates are
     * deleted once. All keys are checked before anything is deleted. Every batch is sent even
     * when an earlier one reported per-key errors; those are then thrown together.
     *
     * @param keys the keys
     * @throws S3BatchDeleteException when S3 reported errors for some keys (the others were
     *     deleted); it lists every failed key with S3's error code and message
     * @throws BackupStorageException naming the bucket and the endpoint when a whole request fails;
     *     the keys of earlier batches were deleted, those of later ones were not tried
     * @throws IllegalArgumentException when a key is invalid; nothing was deleted then
     */
    @Override
    public void deleteAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<String> unique = new LinkedHashSet<>();
        for (String key : keys) {
            BlobStore.validateKey(key);
            unique.add(key);
        }
        checkOpen();
        List<String> all = new ArrayList<>(unique);
        Map<String, String> failures = new LinkedHashMap<>();
        int deleted = 0;
        for (int from = 0; from < all.size(); from += deleteBatchSize) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + deleteBatchSize));
            List<ObjectIdentifier> ids = new ArrayList<>(batch.size());
            for (String key : batch) {
                ids.add(ObjectIdentifier.builder().key(keyPrefix + key).build());
            }
            DeleteObjectsResponse response;
            try {
                response = client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
            } catch (SdkException e) {
                throw failure(batch.get(0), "delete " + batch.size() + " blobs ('" + batch.get(0) + "' to '"
                        + batch.get(batch.size() - 1) + "'; " + deleted + " blobs of earlier batches were deleted)",
                        e);
            }
            int errors = 0;
            for (S3Error error : response.errors()) {
                String objectKey = error.key() == null ? "" : error.key();
                String key = objectKey.startsWith(keyPrefix) ? objectKey.substring(keyPrefix.length()) : objectKey;
                if ("NoSuchKey".equals(error.code())) {
                    continue; // already gone
                }
                failures.put(key, (error.code() == null ? "error" : error.code())
                        + (error.message() == null ? "" : ": " + error.message()));
                errors++;
            }
            deleted += batch.size() - errors;
        }
        if (!failures.isEmpty()) {
            StringBuilder list = new StringBuilder();
            failures.forEach((key, error) -> {
                if (list.length() < 2000) {
                    list.append(list.length() == 0 ? "" : ", ").append('\'').append(key).append("' (")
                            .append(error).append(')');
                }
            });
            throw new S3BatchDeleteException("Could not delete " + failures.size() + " of " + all.size()
                    + " blobs in " + where() + ": " + list + (list.length() >= 2000 ? ", …" : "")
                    + ". The other blobs were deleted. Check the credentials' s3:DeleteObject permission and any"
                    + " object lock on those keys, then delete them again.", failures);
        }
    }

    // ---------------------------------------------------------------- sweep

    /**
     * Aborts the multipart uploads under the store's prefix that were started more than
     * {@code olderThan} ago ({@code ListMultipartUploads}, then {@code AbortMultipartUpload}).
     * Such uploads are left by processes that died mid-put; S3 bills their parts until they are
     * aborted. Choose a grace period longer than the longest upload (a day is safe), since an
     * upload of a put still running elsewhere would be aborted too; with an empty prefix this sweeps
     * the whole bucket. The bucket lifecycle rule {@code AbortIncompleteMultipartUpload} does the
     * same on the server side and is recommended as well.
     *
     * @param olderThan the grace period, measured with the store's clock; not negative
     * @return how many uploads were aborted
     * @throws BackupStorageException naming the bucket and the endpoint when listing fails, or
     *     when some uploads could not be aborted (the others were)
     * @throws IllegalArgumentException when {@code olderThan} is negative
     */
    @Override
    public int sweepIncompleteUploads(Duration olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan was '" + olderThan + "' but it must not be negative");
        }
        checkOpen();
        Instant cutoff = clock.instant().minus(olderThan);
        List<MultipartUpload> stale = new ArrayList<>();
        try {
            for (ListMultipartUploadsResponse page : client.listMultipartUploadsPaginator(b -> b.bucket(bucket)
                    .prefix(keyPrefix.isEmpty() ? null : keyPrefix))) {
                for (MultipartUpload upload : page.uploads()) {
                    if (upload.key() != null && upload.key().startsWith(keyPrefix) && upload.initiated() != null
                            && !upload.initiated().isAfter(cutoff)) {
                        stale.add(upload);
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("", "list the incomplete multipart uploads", e);
        }
        int aborted = 0;
        Map<String, SdkException> failed = new LinkedHashMap<>();
        for (MultipartUpload upload : stale) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                aborted++;
                LOG.debug("aborted stale multipart upload {} of '{}' in {}, started {}", upload.uploadId(),
                        upload.key(), describe(), upload.initiated());
            } catch (NoSuchUploadException e) {
                // completed or aborted meanwhile
            } catch (SdkException e) {
                failed.put(upload.key(), e);
            }
        }
        if (!stale.isEmpty()) {
            LOG.info("aborted {} of {} multipart uploads in {} started before {}", aborted, stale.size(), describe(),
                    cutoff);
        }
        if (!failed.isEmpty()) {
            Map.Entry<String, SdkException> first = failed.entrySet().iterator().next();
            BackupStorageException e = failure("", "abort " + failed.size() + " stale multipart uploads (of keys "
                    + failed.keySet() + "; " + aborted + " others were aborted)", first.getValue());
            failed.values().stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        return aborted;
    }

    // ---------------------------------------------------------------- describe, close

    /**
     * Returns {@code s3://bucket/prefix}, followed by {@code  at <endpoint>} when the endpoint is
     * not AWS's, e.g. {@code s3://backups/qa-app at http://127.0.0.1:9000}. Never credentials.
     *
     * @return the description
     */
    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint == null ? "" : " at " + endpoint);
    }

    /**
     * Returns the same as {@link #describe()}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return describe();
    }

    /**
     * Stops the upload threads and, when the store built the S3 client, closes it and its HTTP
     * client. A client the host passed is left open. Idempotent. Puts still running fail.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        uploads.shutdown();
        if (ownsClient) {
            try {
                client.close();
            } finally {
                ownedHttpClient.close();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("S3 blob store " + describe() + " is closed");
        }
    }

    private String objectKey(String key) {
        return keyPrefix + BlobStore.validateKey(key);
    }

    /** How explanations name the server; the message around them names the endpoint already. */
    private static String server() {
        return SERVER;
    }

    /** {@link #describe()}, plus the region for AWS, so that messages always say where. */
    private String where() {
        return endpoint != null ? describe() : describe() + " (AWS S3" + (region == null ? "" : ", region " + region)
                + ")";
    }

    private BackupStorageException failure(String key, String action, Throwable cause) {
        return new BackupStorageException(key, "Could not " + action + " in " + where() + ": "
                + S3Failures.explain(cause, bucket, server(), keyPrefix) + ".", cause);
    }

    private BlobNotFoundException notFound(String key) {
        return new BlobNotFoundException(key, "Blob '" + key + "' does not exist in " + where()
                + "; list the store's blobs to see what is there");
    }

    /** A 404 without an error code (HEAD has no body) or with NoSuchKey: the object is missing. */
    private static boolean isPlainNotFound(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 404 && (code == null || code.isEmpty() || code.equals("NoSuchKey")
                || code.equals("NotFound"));
    }

    private static boolean isValidKey(String key) {
        try {
            BlobStore.validateKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether some valid key starts with {@code prefix}. */
    private static boolean couldStartAKey(String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        if (prefix.length() > 1024 || !KEY_CHARACTERS.matcher(prefix).matches()) {
            return false;
        }
        int slash = prefix.lastIndexOf('/');
        return slash < 0 || isValidKey(prefix.substring(0, slash));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private void applyObjectOptions(PutObjectRequest.Builder request) {
        if (encryption != null) {
            request.serverSideEncryption(encryption);
            if (kmsKeyId != null) {
                request.ssekmsKeyId(kmsKeyId);
            }
        }
        if (storageClass != null) {
            request.storageClass(storageClass);
        }
    }

    private void applyObjectOptions(CreateMultipartUploadRequest.Builder request) {
        if (encryption != null) {
            request.serverSideEncryption(encryption);
            if (kmsKeyId != null) {
                request.ssekmsKeyId(kmsKeyId);
            }
        }
        if (storageClass != null) {
            request.storageClass(storageClass);
        }
    }

    /** The checksum S3 reports for a multipart upload of parts with these SHA-256 digests. */
    private static String compositeSha256(List<byte[]> partDigests) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            partDigests.forEach(digest::update);
            return base64(digest.digest()) + "-" + partDigests.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static boolean sameChecksum(String reported, String expected) {
        if (reported.contains("-")) {
            return reported.equals(expected);
        }
        return expected.startsWith(reported + "-") || reported.equals(expected);
    }

    /** The writer's stream knows of a part that failed to upload; it carries that failure. */
    private static final class PartUploadFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        PartUploadFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One put in progress: the stream the writer writes to, the part being filled, the parts being
     * uploaded, and what it takes to finish or abort. Written by the put's thread only; part
     * uploads run on the store's upload threads.
     */
    private final class Upload extends OutputStream {
        private final String key;
        private final String objectKey;
        private final String digestAlgorithm = compatibleMode ? "MD5" : "SHA-256";
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ConcurrentLinkedQueue<PartBuffer> free = new ConcurrentLinkedQueue<>();
        private final Set<PartTask> running = ConcurrentHashMap.newKeySet();
        private final ConcurrentSkipListMap<Integer, CompletedPart> completed = new ConcurrentSkipListMap<>();
        private final List<byte[]> partDigests = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** The number of the part whose upload failed first, 0 when none did. */
        private final AtomicInteger failedPart = new AtomicInteger();
        /** Guarded by {@link #lock}. */
        private int inFlight;
        private PartBuffer current;
        private int nextPart = 1;
        private String uploadId;
        private boolean finished;

        Upload(String key, String objectKey) {
            this.key = key;
            this.objectKey = objectKey;
        }

        @Override
        public void write(int b) throws IOException {
            ensureWritable();
            prepareRoom();
            current.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ensureWritable();
            while (len > 0) {
                prepareRoom();
                int n = (int) Math.min(len, current.remaining());
                current.write(b, off, n);
                off += n;
                len -= n;
            }
        }

        /** Does nothing: parts are sent when full. */
        @Override
        public void flush() throws IOException {
            ensureWritable();
        }

        /** Does nothing: the store finishes the blob when the writer returns. */
        @Override
        public void close() {
        }

        private void ensureWritable() throws IOException {
            if (finished) {
                throw new IOException("The stream of blob '" + key + "' is closed: its put has returned");
            }
            checkFailure();
        }

        private void checkFailure() throws PartUploadFailedException {
            Throwable f = failure.get();
            if (f != null) {
                throw new PartUploadFailedException("Uploading a part of blob '" + key + "' to " + describe()
                        + " failed: " + S3Failures.summary(f), f);
            }
        }

        /** Makes sure {@link #current} has room for at least one byte, sending it first when full. */
        private void prepareRoom() throws IOException {
            if (current == null) {
                current = new PartBuffer(partSize, digestAlgorithm);
            } else if (current.isFull()) {
                sendCurrentPart();
            }
        }

        private void sendCurrentPart() throws IOException {
            if (uploadId == null) {
                startMultipartUpload();
            }
            if (nextPart > MAX_PARTS) {
                throw new IOException("Blob '" + key + "' needs more than " + MAX_PARTS + " parts of " + partSize
                        + " bytes, S3's limit for one object: raise the store's partSize");
            }
            acquireSlot();
            submit(current, nextPart++);
            PartBuffer reused = free.poll();
            current = reused != null ? reused : new PartBuffer(partSize, digestAlgorithm);
        }

        private void startMultipartUpload() throws PartUploadFailedException {
            CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket)
                    .key(objectKey).contentType(CONTENT_TYPE);
            applyObjectOptions(request);
            if (!compatibleMode) {
                request.checksumAlgorithm(ChecksumAlgorithm.SHA256);
            }
            try {
                uploadId = client.createMultipartUpload(request.build()).uploadId();
            } catch (SdkException e) {
                failure.compareAndSet(null, e);
                checkFailure();
            }
            LOG.debug("started multipart upload {} of '{}' in {}", uploadId, key, describe());
        }

        /** Waits until fewer than the upload concurrency parts are in flight, then counts one more. */
        private void acquireSlot() throws IOException {
            lock.lock();
            try {
                while (inFlight >= uploadConcurrency && failure.get() == null) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while blob '" + key
                                + "' waited for a part upload to finish");
                    }
                }
                checkFailure();
                inFlight++;
            } finally {
                lock.unlock();
            }
        }

        private void releaseSlot() {
            lock.lock();
            try {
                inFlight--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void submit(PartBuffer buffer, int number) throws IOException {
            byte[] digest = buffer.finishDigest();
            partDigests.add(digest);
            PartTask task = new PartTask(this, buffer, number, base64(digest));
            running.add(task);
            try {
                uploads.execute(task);
            } catch (RejectedExecutionException e) {
                running.remove(task);
                releaseSlot();
                failure.compareAndSet(null, new IllegalStateException("S3 blob store " + describe() + " was closed"
                        + " during the put", e));
                checkFailure();
            }
        }

        /** Waits until no part is in flight. */
        private void awaitIdle() throws InterruptedIOException {
            lock.lock();
            try {
                while (inFlight > 0) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while blob '" + key
                                + "' waited for its last parts to upload");
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /** Waits until no part is in flight or the time is up, ignoring interrupts. */
        private boolean awaitIdleQuietly(long nanos) {
            boolean interrupted = false;
            lock.lock();
            try {
                long left = nanos;
                while (inFlight > 0 && left > 0) {
                    try {
                        left = changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return inFlight == 0;
            } finally {
                lock.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The writer returned: send what is left and make the blob visible. */
        void finish() throws IOException {
            finished = true;
            checkFailure();
            if (current == null) {
                current = new PartBuffer(partSize, digestAlgorithm); // empty blob
            }
            if (uploadId == null) {
                putSingleObject();
                return;
            }
            if (current.size() > 0) {
                if (nextPart > MAX_PARTS) {
                    throw new IOException("Blob '" + key + "' needs more than " + MAX_PARTS + " parts of " + partSize
                            + " bytes, S3's limit for one object: raise the store's partSize");
                }
                acquireSlot();
                submit(current, nextPart++);
                current = null;
            }
            awaitIdle();
            checkFailure();
            completeMultipartUpload();
        }

        private void putSingleObject() throws IOException {
            String checksum = base64(current.finishDigest());
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(objectKey)
                    .contentLength(current.size()).contentType(CONTENT_TYPE);
            applyObjectOptions(request);
            if (compatibleMode) {
                request.contentMD5(checksum);
            } else {
                request.checksumSHA256(checksum);
            }
            PutObjectResponse response = client.putObject(request.build(),
                    RequestBody.fromContentProvider(current.contentProvider(), current.size(), CONTENT_TYPE));
            String reported = response.checksumSHA256();
            if (!compatibleMode && reported != null && !reported.equals(checksum)) {
                deleteAfterChecksumMismatch(reported, checksum);
            }
        }

        private void completeMultipartUpload() throws IOException {
            List<CompletedPart> parts = new ArrayList<>(completed.values());
            if (parts.size() != nextPart - 1) {
                throw new IllegalStateException("multipart upload " + uploadId + " of blob '" + key + "' has "
                        + parts.size() + " completed parts of " + (nextPart - 1));
            }
            CompleteMultipartUploadResponse response = client.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            String completedId = uploadId;
            uploadId = null; // nothing to abort any more: the object is there
            LOG.debug("completed multipart upload {} of '{}' in {} with {} parts", completedId, key, describe(),
                    parts.size());
            String reported = response.checksumSHA256();
            if (!compatibleMode && reported != null) {
                String expected = compositeSha256(partDigests);
                if (!sameChecksum(reported, expected)) {
                    deleteAfterChecksumMismatch(reported, expected);
                }
            }
        }

        private void deleteAfterChecksumMismatch(String reported, String expected) throws IOException {
            String outcome;
            try {
                client.deleteObject(b -> b.bucket(bucket).key(objectKey));
                outcome = "the object was deleted again, so nothing is stored under the key (an older version of"
                        + " the blob, if there was one, is gone too)";
            } catch (SdkException e) {
                outcome = "deleting the object failed too (" + S3Failures.summary(e) + "): delete blob '" + key
                        + "' by hand";
            }
            throw new IOException("S3 reports SHA-256 checksum " + reported + " for the stored object, but the bytes"
                    + " sent have " + expected + "; " + outcome);
        }

        /** The put failed: stop the part uploads, abort the multipart upload, build the exception. */
        BackupStorageException fail(Throwable thrown, boolean fromWriter) {
            finished = true;
            Throwable uploadFailure = failure.get();
            Throwable cause;
            String explanation;
            if (thrown instanceof PartUploadFailedException && thrown.getCause() != null) {
                cause = thrown.getCause();
                int part = failedPart.get();
                explanation = (part > 0 ? "uploading part " + part + " (bytes " + (part - 1) * partSize + " to "
                        + (part * partSize - 1) + " at most) failed: " : "")
                        + S3Failures.explain(cause, bucket, server(), keyPrefix);
            } else if (fromWriter) {
                cause = thrown;
                explanation = "the writer failed: " + S3Failures.summary(thrown);
            } else {
                cause = thrown;
                explanation = S3Failures.explain(thrown, bucket, server(), keyPrefix);
            }
            failure.compareAndSet(null, thrown);
            List<Throwable> suppressed = new ArrayList<>();
            String aborted = abort(suppressed);
            boolean mismatch = thrown instanceof IOException && String.valueOf(thrown.getMessage())
                    .startsWith("S3 reports SHA-256");
            BackupStorageException exception = new BackupStorageException(key, "Could not store blob '" + key
                    + "' in " + where() + ": " + explanation + "." + (mismatch ? "" : " Nothing was stored under"
                    + " that key (an existing blob keeps its content)" + aborted + "."), cause);
            if (uploadFailure != null && uploadFailure != cause) {
                exception.addSuppressed(uploadFailure);
            }
            suppressed.forEach(exception::addSuppressed);
            return exception;
        }

        private String abort(List<Throwable> suppressed) {
            running.forEach(PartTask::interrupt);
            boolean interrupted = Thread.interrupted(); // the SDK refuses to work on an interrupted thread
            try {
                boolean idle = awaitIdleQuietly(ABORT_WAIT_NANOS);
                interrupted |= Thread.interrupted();
                if (uploadId == null) {
                    return "";
                }
                String id = uploadId;
                try {
                    client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(objectKey)
                            .uploadId(id).build());
                } catch (NoSuchUploadException e) {
                    // already gone
                } catch (SdkException e) {
                    suppressed.add(e);
                    LOG.warn("could not abort multipart upload {} of '{}' in {}: {}; sweepIncompleteUploads or the"
                            + " bucket's AbortIncompleteMultipartUpload lifecycle rule will remove it", id, key,
                            describe(), S3Failures.summary(e));
                    return "; its multipart upload " + id + " could not be aborted (" + S3Failures.summary(e)
                            + ") and, while it is invisible, S3 bills its parts until sweepIncompleteUploads or the"
                            + " bucket's AbortIncompleteMultipartUpload lifecycle rule removes it";
                }
                uploadId = null;
                return idle ? "; its multipart upload was aborted" : "; its multipart upload was aborted, though"
                        + " some part uploads had not stopped yet: sweepIncompleteUploads removes what they leave";
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Uploads one part on an upload thread, then returns its buffer and its slot. */
    private final class PartTask implements Runnable {
        private final Upload upload;
        private final PartBuffer buffer;
        private final int number;
        private final String checksum;
        /** The thread running this task, null before and after; guarded by this. */
        private Thread runner;

        PartTask(Upload upload, PartBuffer buffer, int number, String checksum) {
            this.upload = upload;
            this.buffer = buffer;
            this.number = number;
            this.checksum = checksum;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            try {
                if (upload.failure.get() == null) {
                    UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(bucket)
                            .key(upload.objectKey).uploadId(upload.uploadId).partNumber(number)
                            .contentLength(buffer.size());
                    if (compatibleMode) {
                        request.contentMD5(checksum);
                    } else {
                        request.checksumSHA256(checksum);
                    }
                    UploadPartResponse response = client.uploadPart(request.build(),
                            RequestBody.fromContentProvider(buffer.contentProvider(), buffer.size(), CONTENT_TYPE));
                    upload.completed.put(number, CompletedPart.builder().partNumber(number).eTag(response.eTag())
                            .checksumSHA256(compatibleMode ? null : checksum).build());
                }
            } catch (Throwable t) {
                if (upload.failure.compareAndSet(null, t)) {
                    upload.failedPart.set(number);
                }
            } finally {
                synchronized (this) {
                    runner = null;
                }
                Thread.interrupted(); // an interrupt meant for this task must not hit the next one
                buffer.reset();
                upload.free.add(buffer);
                upload.running.remove(this);
                upload.releaseSlot();
            }
        }

        synchronized void interrupt() {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /** Turns SDK exceptions while reading into IOExceptions; aborts instead of draining on early close. */
    private static final class BlobInputStream extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean atEnd;

        BlobInputStream(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                atEnd |= b < 0;
                return b;
            } catch (SdkException e) {
                throw new IOException(S3Failures.summary(e), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                atEnd |= n < 0;
                return n;
            } catch (SdkException e) {
                throw new IOException(S3Failures.summary(e), e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!atEnd) {
                response.abort(); // do not download the rest just to reuse the connection
            }
            try {
                super.close();
            } catch (SdkException e) {
                throw new IOException(S3Failures.summary(e), e);
            }
        }
    }

    /**
     * Builds an {@link S3BlobStore}. Mutable and single-use. Either pass the host's
     * {@link #client(S3Client)}, or let the store build its own from {@link #region(String)},
     * {@link #endpointOverride(URI)}, {@link #pathStyleAccess(boolean)} and the credentials; never
     * both. {@link #build()} reports every problem at once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private S3Client client;
        private String bucket;
        private String prefix = "";
        private String region;
        private URI endpointOverride;
        private Boolean pathStyleAccess;
        private String accessKeyId;
        private String secretAccessKey;
        private AwsCredentialsProvider credentialsProvider;
        private boolean compatibleMode;
        private ServerSideEncryption encryption;
        private String kmsKeyId;
        private boolean kmsKeyIdSet;
        private String storageClass;
        private long partSize = DEFAULT_PART_SIZE;
        private int uploadConcurrency = DEFAULT_UPLOAD_CONCURRENCY;
        private int listPageSize = 1000;
        private int deleteBatchSize = MAX_KEYS_PER_DELETE;
        private Clock clock = Clock.systemUTC();
        private boolean built;

        private Builder() {
        }

        /**
         * Sets the bucket. Required.
         *
         * @param bucket the bucket name, e.g. {@code acme-backups}
         * @return this builder
         */
        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
            return this;
        }

        /**
         * Sets the key prefix under which the blobs live, e.g. {@code backups/qa-app}: blob
         * {@code k} is object {@code backups/qa-app/k}. A trailing {@code /} is ignored. Default:
         * empty, the bucket's root. Segments follow the blob-key rules.
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Uses the host's client instead of building one. The store never closes or configures
         * it; region, endpoint, path-style access and credentials are then the client's and must
         * not be set here. In {@linkplain #compatibleMode(boolean) S3-compatible mode} configure
         * the client's checksums yourself ({@code requestChecksumCalculation(WHEN_REQUIRED)},
         * {@code responseChecksumValidation(WHEN_REQUIRED)}).
         *
         * @param client the host's client
         * @return this builder
         */
        public Builder client(S3Client client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the region, e.g. {@code eu-central-1} ({@code auto} for Cloudflare R2). Default:
         * {@code us-east-1} with an {@linkplain #endpointOverride(URI) endpoint override}, else the
         * SDK's default region chain ({@code AWS_REGION}, the AWS profile, instance metadata).
         *
         * @param region the region id
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * Sends requests to another endpoint than AWS's, e.g. {@code http://minio:9000} or
         * {@code https://<account>.r2.cloudflarestorage.com}. Default: AWS's endpoint of the region.
         * Usually goes with {@link #pathStyleAccess(boolean) pathStyleAccess(true)} and
         * {@link #compatibleMode(boolean) compatibleMode(true)}.
         *
         * @param endpoint the endpoint, {@code http} or {@code https}, without credentials in it
         * @return this builder
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Addresses the bucket in the path ({@code https://host/bucket/key}) instead of the host
         * name ({@code https://bucket.host/key}). Default: {@code false}. MinIO and most
         * self-hosted stores need {@code true}.
         *
         * @param pathStyle whether to use path-style access
         * @return this builder
         */
        public Builder pathStyleAccess(boolean pathStyle) {
            this.pathStyleAccess = pathStyle;
            return this;
        }

        /**
         * Uses these static credentials instead of the SDK's default credentials chain. The
         * secret is never logged or put in a message.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey the secret access key
         * @return this builder
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /**
         * Uses this credentials provider (e.g. STS assume-role, a named profile) instead of the
         * SDK's default chain. The provider stays the host's: the store does not close it.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentialsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Switches to S3-compatible mode, for servers that reject the AWS SDK's newer flexible
         * checksums (aws-chunked uploads with checksum trailers, {@code x-amz-checksum-*} headers):
         * the client the store builds computes and validates checksums only where an operation
         * requires one ({@code WHEN_REQUIRED}) and sends {@code Content-MD5} where S3 requires a
         * checksum ({@code DeleteObjects}); puts and parts carry {@code Content-MD5} instead of
         * SHA-256. Default: {@code false}, right for AWS S3. Use {@code true} for MinIO, Cloudflare
         * R2, Ceph, Backblaze B2 and other S3-compatible stores.
         *
         * @param compatible whether to use S3-compatible mode
         * @return this builder
         */
        public Builder compatibleMode(boolean compatible) {
            this.compatibleMode = compatible;
            return this;
        }

        /**
         * Asks S3 to encrypt the objects with S3-managed keys (SSE-S3, {@code AES256}). Default:
         * no encryption header, so the bucket's default encryption applies.
         *
         * @return this builder
         */
        public Builder sseS3() {
            this.encryption = ServerSideEncryption.AES256;
            this.kmsKeyId = null;
            this.kmsKeyIdSet = false;
            return this;
        }

        /**
         * Asks S3 to encrypt the objects with the account's AWS-managed KMS key ({@code aws/s3},
         * SSE-KMS).
         *
         * @return this builder
         */
        public Builder sseKms() {
            this.encryption = ServerSideEncryption.AWS_KMS;
            this.kmsKeyId = null;
            this.kmsKeyIdSet = false;
            return this;
        }

        /**
         * Asks S3 to encrypt the objects with this KMS key (SSE-KMS). The credentials then need
         * {@code kms:GenerateDataKey} (put) and {@code kms:Decrypt} (open, multipart put) on it.
         *
         * @param kmsKeyId the key's id, ARN or alias ARN
         * @return this builder
         */
        public Builder sseKms(String kmsKeyId) {
            this.encryption = ServerSideEncryption.AWS_KMS;
            this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            this.kmsKeyIdSet = true;
            return this;
        }

        /**
         * Sets the storage class of new objects, e.g. {@code STANDARD_IA} or {@code GLACIER_IR}
         * (a class whose objects cannot be read at once, like {@code GLACIER}, makes backups
         * unrestorable without a restore request first). Default: the bucket's, usually
         * {@code STANDARD}.
         *
         * @param storageClass the storage class as S3 names it
         * @return this builder
         */
        public Builder storageClass(String storageClass) {
            this.storageClass = Objects.requireNonNull(storageClass, "storageClass");
            return this;
        }

        /**
         * Sets the size of each part of a multipart upload, which is also the largest blob sent as
         * one {@code PutObject}. Default {@value #DEFAULT_PART_SIZE_MIB} MiB; between
         * {@link #MIN_PART_SIZE} (5 MiB) and {@link #MAX_PART_SIZE} (1 GiB). A blob has at most
         * {@value #MAX_PARTS} parts, so the largest blob is 10,000 × part size (156 GiB at 16 MiB).
         *
         * @param bytes the part size in bytes
         * @return this builder
         */
        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        /**
         * Sets how many parts one put uploads at the same time while the writer fills the next.
         * Default {@value #DEFAULT_UPLOAD_CONCURRENCY}; between 1 and {@value #MAX_UPLOAD_CONCURRENCY}.
         * A put holds at most part size × (1 + concurrency) bytes.
         *
         * @param uploads the number of concurrent part uploads per put
         * @return this builder
         */
        public Builder uploadConcurrency(int uploads) {
            this.uploadConcurrency = uploads;
            return this;
        }

        /**
         * Sets the clock that {@link S3BlobStore#sweepIncompleteUploads(Duration)} measures age
         * with. Default: the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the {@code max-keys} of each {@code ListObjectsV2} page; tests use small ones. */
        Builder listPageSize(int keys) {
            this.listPageSize = keys;
            return this;
        }

        /** Sets how many keys one {@code DeleteObjects} request carries; tests use small batches. */
        Builder deleteBatchSize(int keys) {
            this.deleteBatchSize = keys;
            return this;
        }

        /**
         * Checks the configuration and builds the store, and its S3 client unless the host passed
         * one. The store's HTTP client is the Apache 5 client of the SDK.
         *
         * @return the store
         * @throws BackupConfigurationException listing every problem, each naming the property, its
         *     value and the rule; or when the SDK cannot build the client (no region found)
         * @throws IllegalStateException when called twice
         */
        public S3BlobStore build() {
            if (built) {
                throw new IllegalStateException("S3BlobStore.Builder is single-use and has built its store already");
            }
            List<String> problems = validate();
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid S3 blob store configuration", problems);
            }
            built = true;
            if (client != null) {
                URI endpoint = null;
                String clientRegion = null;
                try {
                    endpoint = client.serviceClientConfiguration().endpointOverride().orElse(null);
                    Region r = client.serviceClientConfiguration().region();
                    clientRegion = r == null ? null : r.id();
                } catch (RuntimeException e) {
                    // a client that does not say (a test double): messages name less
                }
                return new S3BlobStore(this, client, null, safeEndpoint(endpoint), clientRegion);
            }
            SdkHttpClient http = Apache5HttpClient.builder().maxConnections(Math.max(50, 2 * uploadConcurrency))
                    .build();
            try {
                S3ClientBuilder builder = S3Client.builder().httpClient(http);
                String effectiveRegion = region;
                if (endpointOverride != null) {
                    builder.endpointOverride(endpointOverride);
                    if (effectiveRegion == null) {
                        effectiveRegion = Region.US_EAST_1.id();
                    }
                }
                if (effectiveRegion != null) {
                    builder.region(Region.of(effectiveRegion));
                }
                if (pathStyleAccess != null) {
                    builder.forcePathStyle(pathStyleAccess);
                }
                if (credentialsProvider != null) {
                    builder.credentialsProvider(credentialsProvider);
                } else if (accessKeyId != null) {
                    builder.credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
                }
                if (compatibleMode) {
                    builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                            .addPlugin(LegacyMd5Plugin.create());
                }
                S3Client built;
                try {
                    built = builder.build();
                } catch (SdkException e) {
                    throw new BackupConfigurationException("Cannot build the S3 client for bucket '" + bucket + "': "
                            + S3Failures.explain(e, bucket, endpointOverride == null ? "AWS S3"
                                    : safeEndpoint(endpointOverride).toString(), "") + ".");
                }
                if (effectiveRegion == null) {
                    try {
                        Region r = built.serviceClientConfiguration().region();
                        effectiveRegion = r == null ? null : r.id();
                    } catch (RuntimeException e) {
                        // only for messages
                    }
                }
                return new S3BlobStore(this, built, http, safeEndpoint(endpointOverride), effectiveRegion);
            } catch (RuntimeException | Error e) {
                http.close();
                throw e;
            }
        }

        private List<String> validate() {
            List<String> problems = new ArrayList<>();
            if (bucket == null) {
                problems.add("bucket was not set but it is required: call bucket(\"my-backups\")");
            } else if (!BUCKET.matcher(bucket).matches()) {
                problems.add("bucket was '" + bucket + "' but it must be 2 to 255 characters of A-Z, a-z, 0-9, '.',"
                        + " '_' and '-', starting with a letter or digit (S3 itself allows 3 to 63 of a-z, 0-9, '.'"
                        + " and '-')");
            }
            String normalized = normalizedPrefix();
            if (!normalized.isEmpty() && !isValidKey(normalized)) {
                problems.add("prefix was '" + prefix + "' but it must be empty or '/'-separated segments of"
                        + " [A-Za-z0-9._-] with no empty, '.' or '..' segment, e.g. 'backups/qa-app'");
            }
            if (client != null) {
                List<String> clientSettings = new ArrayList<>();
                if (region != null) {
                    clientSettings.add("region");
                }
                if (endpointOverride != null) {
                    clientSettings.add("endpointOverride");
                }
                if (pathStyleAccess != null) {
                    clientSettings.add("pathStyleAccess");
                }
                if (accessKeyId != null) {
                    clientSettings.add("credentials");
                }
                if (credentialsProvider != null) {
                    clientSettings.add("credentialsProvider");
                }
                if (!clientSettings.isEmpty()) {
                    problems.add(String.join(", ", clientSettings) + " were set together with a host client but"
                            + " they configure a client the store builds: configure the host's S3Client instead,"
                            + " or drop client(…)");
                }
            }
            if (accessKeyId != null && credentialsProvider != null) {
                problems.add("credentials and credentialsProvider were both set but only one may be: keep one");
            }
            if (accessKeyId != null && (accessKeyId.isBlank() || secretAccessKey.isEmpty())) {
                problems.add("credentials had an empty access key id or secret access key but both are required");
            }
            if (region != null && (region.isBlank() || !region.matches("[A-Za-z0-9-]+"))) {
                problems.add("region was '" + region + "' but it must be a region id such as 'eu-central-1' (or"
                        + " 'auto' for Cloudflare R2)");
            }
            if (endpointOverride != null) {
                String scheme = endpointOverride.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || endpointOverride.getHost() == null) {
                    problems.add("endpointOverride was '" + safeEndpoint(endpointOverride) + "' but it must be an"
                            + " absolute http or https URI with a host, e.g. 'http://minio:9000'");
                }
                if (endpointOverride.getRawUserInfo() != null) {
                    problems.add("endpointOverride carried user info but credentials never belong in the endpoint:"
                            + " pass them with credentials(…) or credentialsProvider(…)");
                }
                if (endpointOverride.getRawQuery() != null || endpointOverride.getRawFragment() != null) {
                    problems.add("endpointOverride was '" + safeEndpoint(endpointOverride) + "' but it must not"
                            + " have a query or fragment");
                }
            }
            if (kmsKeyIdSet && kmsKeyId.isBlank()) {
                problems.add("sseKms key id was blank but it must name a KMS key: call sseKms() for the"
                        + " AWS-managed key");
            }
            if (storageClass != null && (storageClass.isBlank() || !storageClass.matches("[A-Z0-9_]+"))) {
                problems.add("storageClass was '" + storageClass + "' but it must be a storage class as S3 names"
                        + " it, e.g. 'STANDARD_IA'");
            }
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                problems.add("partSize was " + partSize + " but it must be between " + MIN_PART_SIZE + " (5 MiB)"
                        + " and " + MAX_PART_SIZE + " (1 GiB) bytes");
            }
            if (uploadConcurrency < 1 || uploadConcurrency > MAX_UPLOAD_CONCURRENCY) {
                problems.add("uploadConcurrency was " + uploadConcurrency + " but it must be between 1 and "
                        + MAX_UPLOAD_CONCURRENCY);
            }
            if (listPageSize < 1 || listPageSize > 1000) {
                problems.add("listPageSize was " + listPageSize + " but it must be between 1 and 1000");
            }
            if (deleteBatchSize < 1 || deleteBatchSize > MAX_KEYS_PER_DELETE) {
                problems.add("deleteBatchSize was " + deleteBatchSize + " but it must be between 1 and "
                        + MAX_KEYS_PER_DELETE);
            }
            return problems;
        }

        private String normalizedPrefix() {
            return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }

        /** The endpoint without user info, query and fragment, safe to show. */
        private static URI safeEndpoint(URI endpoint) {
            if (endpoint == null) {
                return null;
            }
            try {
                return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(),
                        endpoint.getPath() == null || endpoint.getPath().isEmpty() ? null : endpoint.getPath(), null,
                        null);
            } catch (URISyntaxException e) {
                return URI.create("invalid-endpoint");
            }
        }
    }
}
