package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store's reads: {@code GetObject}, {@code HeadObject} and {@code ListObjectsV2}, and how to
 * tell a missing object from a missing bucket or another failure (S3 and the S3-compatible stores
 * say "not found" in several ways, and a {@code HEAD} answer has no body to say it in).
 */
final class BlobReads {

    private final S3Client client;
    private final S3Location location;
    private final int listPageSize;

    /**
     * @param client the client
     * @param location where the blobs are
     * @param listPageSize the {@code max-keys} of each {@code ListObjectsV2} page, 1 to 1000
     */
    BlobReads(S3Client client, S3Location location, int listPageSize) {
        this.client = client;
        this.location = location;
        this.listPageSize = listPageSize;
    }

    /**
     * Opens a blob.
     *
     * @throws BlobNotFoundException when there is no such blob
     * @throws BackupStorageException when S3 fails
     */
    InputStream open(String key) {
        String objectKey = location.objectKey(key);
        try {
            return new S3ObjectInputStream(client.getObject(b -> b.bucket(location.bucket()).key(objectKey)));
        } catch (NoSuchKeyException e) {
            throw location.notFound(key);
        } catch (S3Exception e) {
            if (isPlainNotFound(e)) {
                throw location.notFound(key);
            }
            throw location.failure(key, "open blob '" + key + "'", e);
        } catch (SdkException e) {
            throw location.failure(key, "open blob '" + key + "'", e);
        }
    }

    /**
     * Describes a blob; a missing bucket is a failure, not a missing blob.
     *
     * @throws BackupStorageException when S3 fails
     */
    Optional<BlobInfo> stat(String key) {
        String objectKey = location.objectKey(key);
        String action = "read the attributes of blob '" + key + "'";
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(location.bucket()).key(objectKey));
            return Optional.of(new BlobInfo(key, head.contentLength(), head.lastModified()));
        } catch (S3Exception e) {
            if (e instanceof NoSuchKeyException || isPlainNotFound(e)) {
                // HEAD answers have no body: a missing bucket looks like a missing key, so ask
                checkBucketExists(key, action);
                return Optional.empty();
            }
            throw location.failure(key, action, e);
        } catch (SdkException e) {
            throw location.failure(key, action, e);
        }
    }

    private void checkBucketExists(String key, String action) {
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw location.failure(key, action, S3Exception.builder().statusCode(404).message("bucket not found")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket")
                                .errorMessage("The specified bucket does not exist").build()).cause(e).build());
            }
            throw location.failure(key, action, e);
        } catch (SdkException e) {
            throw location.failure(key, action, e);
        }
    }

    /**
     * Lists the valid blob keys starting with {@code prefix}, sorted, following pagination; asks
     * nothing when no key can start with {@code prefix}.
     *
     * @throws BackupStorageException when S3 fails
     */
    List<BlobInfo> list(String prefix) {
        if (!S3Location.couldStartAKey(prefix)) {
            return List.of();
        }
        String keyPrefix = location.keyPrefix();
        List<BlobInfo> blobs = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(location.bucket())
                    .prefix(keyPrefix + prefix).maxKeys(listPageSize))) {
                for (S3Object object : page.contents()) {
                    if (!object.key().startsWith(keyPrefix)) {
                        continue;
                    }
                    String key = object.key().substring(keyPrefix.length());
                    if (key.startsWith(prefix) && S3Location.isValidKey(key)) {
                        blobs.add(new BlobInfo(key, object.size() == null ? 0 : object.size(),
                                object.lastModified() == null ? Instant.EPOCH : object.lastModified()));
                    }
                }
            }
        } catch (SdkException e) {
            throw location.failure(prefix, "list blobs with prefix '" + prefix + "'", e);
        }
        blobs.sort(Comparator.comparing(BlobInfo::key));
        return List.copyOf(blobs);
    }

    /** A 404 without an error code (HEAD has no body) or with NoSuchKey: the object is missing. */
    static boolean isPlainNotFound(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 404 && (code == null || code.isEmpty() || code.equals("NoSuchKey")
                || code.equals("NotFound"));
    }
}
