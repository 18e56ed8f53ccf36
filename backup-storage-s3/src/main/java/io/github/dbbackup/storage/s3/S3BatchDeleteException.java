package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupStorageException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Some keys of an {@link S3BlobStore#deleteAll} call were not deleted: S3 reported an error for
 * each of them in its {@code DeleteObjects} answer. The other keys were deleted. {@link #key()} is
 * the first failed key; {@link #failures()} has all of them.
 *
 * @since 0.1
 */
public final class S3BatchDeleteException extends BackupStorageException {
    private static final long serialVersionUID = 1L;

    /** Serializable copy of the failures, in the order the keys were given. */
    private final LinkedHashMap<String, String> failures;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do next, naming the failed keys
     * @param failures each failed key with S3's error code and message, e.g.
     *     {@code "AccessDenied: Access Denied"}; not empty
     */
    public S3BatchDeleteException(String message, Map<String, String> failures) {
        super(failures.isEmpty() ? "" : failures.keySet().iterator().next(), message, null);
        this.failures = new LinkedHashMap<>(failures);
    }

    /**
     * Returns the keys that were not deleted, each with S3's error code and message.
     *
     * @return the failures in the order the keys were given; unmodifiable, never empty
     */
    public Map<String, String> failures() {
        return Collections.unmodifiableMap(failures);
    }
}
