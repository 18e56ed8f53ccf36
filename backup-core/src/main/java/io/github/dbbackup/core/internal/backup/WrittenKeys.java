package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.spi.BlobStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a backup stored (or began to store) in its set, in order, so that a failed backup can
 * remove them again. Thread-safe: the workers of a parallel export add their parts' keys.
 */
final class WrittenKeys {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private final String id;
    private final BlobStore store;
    private final List<String> keys = new ArrayList<>();

    WrittenKeys(String id, BlobStore store) {
        this.id = id;
        this.store = store;
    }

    /**
     * Records a key before its blob is stored, so that a put that fails half-way is removed too.
     *
     * @param key the key
     */
    synchronized void add(String key) {
        keys.add(key);
    }

    /**
     * Removes every recorded key, newest first: a manifest (if one was stored) goes before the parts,
     * as the pruner deletes. Best effort: a key that cannot be removed is logged and left to the
     * pruner's sweep (a set without a manifest is never listed).
     */
    void removeQuietly() {
        List<String> newestFirst;
        synchronized (this) {
            newestFirst = new ArrayList<>(keys);
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            String key = newestFirst.get(i);
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warn("{}: could not remove '{}' of the failed backup; it stays an incomplete set (never listed,"
                        + " swept by the pruner): {}", id, key, e.toString());
            }
        }
    }
}
