package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupStorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Aborts the multipart uploads under a store's prefix that were started at least a grace period
 * ago by the store's clock: those that processes which died mid-put left behind, billed by S3 until
 * aborted. An upload that completed or was aborted meanwhile counts as neither aborted nor failed;
 * one that cannot be aborted does not stop the others.
 */
final class UploadSweeper {

    /** Logs under the store's name, which is what hosts configure. */
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client client;
    private final S3Location location;
    private final Clock clock;

    UploadSweeper(S3Client client, S3Location location, Clock clock) {
        this.client = client;
        this.location = location;
        this.clock = clock;
    }

    /**
     * Sweeps.
     *
     * @param olderThan the grace period; not negative
     * @return how many uploads were aborted
     * @throws BackupStorageException when listing fails, or when some uploads could not be aborted
     *     (the others were)
     * @throws IllegalArgumentException when {@code olderThan} is negative
     */
    int sweep(Duration olderThan) {
        checkGracePeriod(olderThan);
        Instant cutoff = clock.instant().minus(olderThan);
        List<MultipartUpload> stale = new ArrayList<>();
        try {
            for (ListMultipartUploadsResponse page : client.listMultipartUploadsPaginator(b -> b
                    .bucket(location.bucket()).prefix(location.keyPrefix().isEmpty() ? null : location.keyPrefix()))) {
                for (MultipartUpload upload : page.uploads()) {
                    if (isStale(upload, location.keyPrefix(), cutoff)) {
                        stale.add(upload);
                    }
                }
            }
        } catch (SdkException e) {
            throw location.failure("", "list the incomplete multipart uploads", e);
        }
        int aborted = 0;
        Map<String, SdkException> failed = new LinkedHashMap<>();
        for (MultipartUpload upload : stale) {
            try {
                client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(upload.key())
                        .uploadId(upload.uploadId()));
                aborted++;
                LOG.debug("aborted stale multipart upload {} of '{}' in {}, started {}", upload.uploadId(),
                        upload.key(), location.describe(), upload.initiated());
            } catch (NoSuchUploadException e) {
                // completed or aborted meanwhile
            } catch (SdkException e) {
                failed.put(upload.key(), e);
            }
        }
        if (!stale.isEmpty()) {
            LOG.info("aborted {} of {} multipart uploads in {} started before {}", aborted, stale.size(),
                    location.describe(), cutoff);
        }
        if (!failed.isEmpty()) {
            Map.Entry<String, SdkException> first = failed.entrySet().iterator().next();
            BackupStorageException e = location.failure("", "abort " + failed.size() + " stale multipart uploads (of"
                    + " keys " + failed.keySet() + "; " + aborted + " others were aborted)", first.getValue());
            failed.values().stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        return aborted;
    }

    /**
     * Checks a grace period.
     *
     * @throws IllegalArgumentException when it is negative
     */
    static void checkGracePeriod(Duration olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan was '" + olderThan + "' but it must not be negative");
        }
    }

    /**
     * Whether an upload is swept: its key is under the prefix and it started at or before the
     * cutoff. An upload without a key or a start time is never swept.
     */
    static boolean isStale(MultipartUpload upload, String keyPrefix, Instant cutoff) {
        return upload.key() != null && upload.key().startsWith(keyPrefix) && upload.initiated() != null
                && !upload.initiated().isAfter(cutoff);
    }
}
