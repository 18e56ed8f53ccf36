package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import io.github.dbbackup.storage.s3.S3ClientFactory.StoreClient;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

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

    // The store checks keys and its own state, then hands the work to package-private parts:
    // BlobUpload (a put: single PutObject or multipart state machine; PartUpload, UploadSlots,
    // PutOptions, Checksums), BlobReads (get, head, list), BatchDelete, UploadSweeper. S3Location
    // names the bucket in every message; S3Config and S3ClientFactory back the Builder.
    private final StoreClient connection;
    private final S3Client client;
    private final S3Location location;
    private final PutOptions putOptions;
    private final BlobReads reads;
    private final BatchDelete batchDelete;
    private final UploadSweeper sweeper;
    private final ExecutorService uploads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private S3BlobStore(S3Config config, StoreClient connection) {
        this.connection = connection;
        this.client = connection.client();
        this.location = new S3Location(config.bucket, config.normalizedPrefix(), connection.endpoint(),
                connection.region());
        this.putOptions = config.putOptions();
        this.reads = new BlobReads(client, location, config.listPageSize);
        this.batchDelete = new BatchDelete(client, location, config.deleteBatchSize);
        this.sweeper = new UploadSweeper(client, location, config.clock);
        this.uploads = PartUpload.newPool(config.bucket);
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
        return location.bucket();
    }

    /**
     * Returns the key prefix, without a trailing slash.
     *
     * @return the prefix, empty when blobs are at the bucket's root
     */
    public String prefix() {
        return location.prefix();
    }

    /**
     * Returns whether this store sends {@code Content-MD5} instead of SHA-256 checksums (see
     * {@link Builder#compatibleMode(boolean)}).
     *
     * @return {@code true} in S3-compatible mode
     */
    public boolean isCompatibleMode() {
        return putOptions.compatibleMode();
    }

    /**
     * Returns the part size of multipart uploads.
     *
     * @return the part size in bytes
     */
    public long partSize() {
        return putOptions.partSize();
    }

    /**
     * Returns how many parts one put uploads at the same time.
     *
     * @return the upload concurrency
     */
    public int uploadConcurrency() {
        return putOptions.uploadConcurrency();
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
        BlobStore.validateKey(key);
        Objects.requireNonNull(writer, "writer");
        checkOpen();
        new BlobUpload(client, location, putOptions, uploads, key).run(writer);
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
        BlobStore.validateKey(key);
        checkOpen();
        return reads.open(key);
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
        BlobStore.validateKey(key);
        checkOpen();
        return reads.stat(key);
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
        return reads.list(prefix);
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
        String objectKey = location.objectKey(key);
        checkOpen();
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(objectKey));
        } catch (NoSuchKeyException e) {
            // some S3-compatible stores answer 404 where S3 answers 204: deleted all the same
        } catch (SdkException e) {
            throw location.failure(key, "delete blob '" + key + "'", e);
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
        List<String> distinct = BatchDelete.distinctValidKeys(keys);
        checkOpen();
        batchDelete.delete(distinct);
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
        UploadSweeper.checkGracePeriod(olderThan);
        checkOpen();
        return sweeper.sweep(olderThan);
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
        return location.describe();
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
        connection.close();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("S3 blob store " + describe() + " is closed");
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
        private final S3Config config = new S3Config();
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
            config.bucket = Objects.requireNonNull(bucket, "bucket");
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
            config.prefix = Objects.requireNonNull(prefix, "prefix");
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
            config.client = Objects.requireNonNull(client, "client");
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
            config.region = Objects.requireNonNull(region, "region");
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
            config.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
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
            config.pathStyleAccess = pathStyle;
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
            config.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            config.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
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
            config.credentialsProvider = Objects.requireNonNull(provider, "provider");
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
            config.compatibleMode = compatible;
            return this;
        }

        /**
         * Asks S3 to encrypt the objects with S3-managed keys (SSE-S3, {@code AES256}). Default:
         * no encryption header, so the bucket's default encryption applies.
         *
         * @return this builder
         */
        public Builder sseS3() {
            config.encryption = ServerSideEncryption.AES256;
            config.kmsKeyId = null;
            config.kmsKeyIdSet = false;
            return this;
        }

        /**
         * Asks S3 to encrypt the objects with the account's AWS-managed KMS key ({@code aws/s3},
         * SSE-KMS).
         *
         * @return this builder
         */
        public Builder sseKms() {
            config.encryption = ServerSideEncryption.AWS_KMS;
            config.kmsKeyId = null;
            config.kmsKeyIdSet = false;
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
            config.encryption = ServerSideEncryption.AWS_KMS;
            config.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            config.kmsKeyIdSet = true;
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
            config.storageClass = Objects.requireNonNull(storageClass, "storageClass");
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
            config.partSize = bytes;
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
            config.uploadConcurrency = uploads;
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
            config.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the {@code max-keys} of each {@code ListObjectsV2} page; tests use small ones. */
        Builder listPageSize(int keys) {
            config.listPageSize = keys;
            return this;
        }

        /** Sets how many keys one {@code DeleteObjects} request carries; tests use small batches. */
        Builder deleteBatchSize(int keys) {
            config.deleteBatchSize = keys;
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
            List<String> problems = config.problems();
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid S3 blob store configuration", problems);
            }
            built = true;
            StoreClient connection = S3ClientFactory.connect(config);
            try {
                return new S3BlobStore(config, connection);
            } catch (RuntimeException | Error e) {
                connection.close();
                throw e;
            }
        }
    }
}
