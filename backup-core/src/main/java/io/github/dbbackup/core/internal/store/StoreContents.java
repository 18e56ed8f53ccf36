package io.github.dbbackup.core.internal.store;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.IncompleteSet;
import io.github.dbbackup.core.catalog.UnreadableSet;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.format.SidecarCodec;
import io.github.dbbackup.core.internal.store.SetScan.ScannedSet;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one listing of a store says: complete, incomplete and unreadable sets, with each set's
 * stored bytes and last write. Read by the catalog and the pruner.
 *
 * @param complete the complete sets, oldest first
 * @param incomplete sets without a manifest
 * @param unreadable sets whose manifest cannot be read
 * @param storedBytes bytes stored per set id
 * @param lastWritten the newest blob's time per set id, where the store reports it
 */
public record StoreContents(List<BackupSetInfo> complete, List<IncompleteSet> incomplete, List<UnreadableSet> unreadable,
        Map<String, Long> storedBytes, Map<String, Instant> lastWritten) {
    private static final Logger LOG = LoggerFactory.getLogger(StoreContents.class);

    private static final Comparator<BackupSetInfo> OLDEST_FIRST =
            Comparator.comparing(BackupSetInfo::createdAt).thenComparing(BackupSetInfo::id);


    /**
     * Lists the store once and reads every manifest and verification sidecar.
     *
     * @param store the store
     * @return the contents; complete sets sorted oldest first
     */
    public static StoreContents read(BlobStore store) {
        List<BackupSetInfo> complete = new ArrayList<>();
        List<IncompleteSet> incomplete = new ArrayList<>();
        List<UnreadableSet> unreadable = new ArrayList<>();
        Map<String, Long> storedBytes = new LinkedHashMap<>();
        Map<String, Instant> lastWritten = new LinkedHashMap<>();
        for (ScannedSet set : SetScan.scan(store)) {
            storedBytes.put(set.id(), set.bytes());
            set.lastWritten().ifPresent(time -> lastWritten.put(set.id(), time));
            if (!set.hasManifest()) {
                incomplete.add(new IncompleteSet(set.id(), set.startedAt(), set.keys(), set.bytes()));
                continue;
            }
            try {
                complete.add(readSet(store, set));
            } catch (BlobNotFoundException e) {
                LOG.debug("{}: manifest vanished while listing (deleted meanwhile); skipped", set.id());
            } catch (BackupFormatException e) {
                LOG.warn("{}: manifest is unreadable; the set is not offered as a backup: {}", set.id(), e.getMessage());
                unreadable.add(new UnreadableSet(set.id(), set.startedAt(), Manifest.keyOf(set.id()), e.getMessage()));
            }
        }
        complete.sort(OLDEST_FIRST);
        return new StoreContents(List.copyOf(complete), List.copyOf(incomplete), List.copyOf(unreadable), storedBytes,
                lastWritten);
    }

    /**
     * Reads one complete set's manifest and verification sidecar.
     *
     * @param store the store
     * @param set the scanned set, which has a manifest
     * @return what the catalog shows of it
     * @throws BlobNotFoundException when the manifest vanished meanwhile
     * @throws BackupFormatException when the manifest is unreadable or inconsistent
     */
    public static BackupSetInfo readSet(BlobStore store, ScannedSet set) {
        String key = Manifest.keyOf(set.id());
        Manifest manifest;
        try (InputStream in = store.open(key)) {
            manifest = ManifestCodec.read(in, key);
        } catch (IOException e) {
            throw new BackupStorageException(key, "Reading manifest '" + key + "' from " + store.describe() + " failed: "
                    + e.getMessage() + "; check the store and retry", e);
        }
        if (!manifest.id().equals(set.id())) {
            throw new BackupFormatException(key, "Manifest '" + key + "' describes set '" + manifest.id()
                    + "', not '" + set.id() + "'; it was copied from another set. Delete '" + set.id()
                    + "/' or restore from another set");
        }
        try {
            return new BackupSetInfo(set.id(), manifest.createdAt(), manifest.tables().size(), manifest.totalRows(),
                    manifest.totalBytes(), manifest.codec(), set.isPinned(),
                    set.hasVerification() ? lastVerification(store, set.id()) : null,
                    manifest.warnings());
        } catch (IllegalArgumentException | ArithmeticException e) {
            // damage to one set makes that set unreadable, never the whole listing
            throw new BackupFormatException(key, "Manifest '" + key + "' is inconsistent: " + e.getMessage()
                    + "; the set cannot be used: restore from another set", e);
        }
    }

    private static VerificationResult lastVerification(BlobStore store, String id) {
        String key = id + "/" + SetScan.VERIFICATION_FILE;
        try (InputStream in = store.open(key)) {
            return SidecarCodec.readVerification(in, key, id);
        } catch (BlobNotFoundException e) {
            return null;
        } catch (BackupFormatException e) {
            LOG.warn("{}: verification sidecar is unreadable and is ignored: {}", id, e.getMessage());
            return null;
        } catch (IOException e) {
            throw new BackupStorageException(key, "Reading '" + key + "' from " + store.describe() + " failed: "
                    + e.getMessage() + "; check the store and retry", e);
        }
    }
}
