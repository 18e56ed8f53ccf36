package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.spi.BlobStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Deletes many blobs with {@code DeleteObjects} requests of at most a batch size of keys each, in
 * quiet mode (S3 answers only the keys it could not delete). Missing keys are no error. Every
 * batch is sent even when an earlier one reported per-key errors; those are thrown together at
 * the end as one {@link S3BatchDeleteException}. A request that fails as a whole stops at once.
 */
final class BatchDelete {

    /** How much of the failed keys' list a message shows before it ends with an ellipsis. */
    private static final int LISTED_CHARACTERS = 2000;

    private final S3Client client;
    private final S3Location location;
    private final int batchSize;

    /**
     * @param client the client
     * @param location where the blobs are
     * @param batchSize the most keys of one request, 1 to {@value S3BlobStore#MAX_KEYS_PER_DELETE}
     */
    BatchDelete(S3Client client, S3Location location, int batchSize) {
        this.client = client;
        this.location = location;
        this.batchSize = batchSize;
    }

    /**
     * Checks every key before anything is deleted, and drops repeated ones.
     *
     * @param keys the keys
     * @return the distinct keys in the order given
     * @throws IllegalArgumentException naming the first invalid key
     */
    static List<String> distinctValidKeys(Collection<String> keys) {
        Set<String> unique = new LinkedHashSet<>();
        for (String key : keys) {
            BlobStore.validateKey(key);
            unique.add(key);
        }
        return new ArrayList<>(unique);
    }

    /**
     * Deletes the blobs.
     *
     * @param keys distinct, valid keys
     * @throws S3BatchDeleteException when S3 reported errors for some keys (the others were deleted)
     * @throws BackupStorageException when a whole request failed: earlier batches were deleted,
     *     later ones not tried
     */
    void delete(List<String> keys) {
        Map<String, String> failures = new LinkedHashMap<>();
        int deleted = 0;
        for (int from = 0; from < keys.size(); from += batchSize) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + batchSize));
            DeleteObjectsResponse response = send(batch, deleted);
            int errors = 0;
            for (S3Error error : response.errors()) {
                if ("NoSuchKey".equals(error.code())) {
                    continue; // already gone
                }
                failures.put(location.blobKey(error.key() == null ? "" : error.key()), describe(error));
                errors++;
            }
            deleted += batch.size() - errors;
        }
        if (!failures.isEmpty()) {
            throw new S3BatchDeleteException("Could not delete " + failures.size() + " of " + keys.size()
                    + " blobs in " + location.where() + ": " + list(failures) + ". The other blobs were deleted."
                    + " Check the credentials' s3:DeleteObject permission and any object lock on those keys, then"
                    + " delete them again.", failures);
        }
    }

    private DeleteObjectsResponse send(List<String> batch, int deletedBefore) {
        List<ObjectIdentifier> ids = new ArrayList<>(batch.size());
        for (String key : batch) {
            ids.add(ObjectIdentifier.builder().key(location.keyPrefix() + key).build());
        }
        try {
            return client.deleteObjects(b -> b.bucket(location.bucket()).delete(d -> d.objects(ids).quiet(true)));
        } catch (SdkException e) {
            throw location.failure(batch.get(0), "delete " + batch.size() + " blobs ('" + batch.get(0) + "' to '"
                    + batch.get(batch.size() - 1) + "'; " + deletedBefore + " blobs of earlier batches were deleted)",
                    e);
        }
    }

    /** S3's error code and message, e.g. {@code AccessDenied: Access Denied}. */
    static String describe(S3Error error) {
        return (error.code() == null ? "error" : error.code()) + (error.message() == null ? "" : ": " + error.message());
    }

    /** {@code 'k' (code: message), …}, cut after about {@value #LISTED_CHARACTERS} characters. */
    static String list(Map<String, String> failures) {
        StringBuilder list = new StringBuilder();
        failures.forEach((key, error) -> {
            if (list.length() < LISTED_CHARACTERS) {
                list.append(list.length() == 0 ? "" : ", ").append('\'').append(key).append("' (").append(error)
                        .append(')');
            }
        });
        return list + (list.length() >= LISTED_CHARACTERS ? ", …" : "");
    }
}
