package io.github.dbbackup.core.catalog;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.internal.format.SidecarCodec;
import io.github.dbbackup.core.internal.store.BackupIds;
import io.github.dbbackup.core.internal.store.SetScan.ScannedSet;
import io.github.dbbackup.core.internal.store.SetScan;
import io.github.dbbackup.core.internal.store.StoreContents;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.spi.BlobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup sets in a store, read from their manifests (never from blob timestamps alone).
 *
 * <p>A set is the blobs under {@code <id>/} for a backup id ({@code backup-<yyyyMMdd>T<HHmmss>Z-<6
 * chars>}); keys that do not start with a backup id are not sets and are ignored. A set is
 * <em>complete</em> when its {@code manifest.json} exists and parses; only complete sets are listed
 * as backups. Sets without a manifest are {@link #incomplete()}; sets whose manifest exists but
 * cannot be used are {@link #unreadable()}. Neither is ever offered as a backup.
 *
 * <p>Beside a manifest, two small sidecar blobs may exist (they are not part of the set):
 * {@code pinned.json}, written by {@link #pin}, and {@code verification.json}, written by
 * {@link BackupVerifier}. Every call lists the store afresh; nothing is cached. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * BackupCatalog catalog = BackupCatalog.of(store);
 * catalog.latest().ifPresent(set -> log.info("newest backup {} has {} rows", set.id(), set.rows()));
 * }</pre>
 *
 * @since 0.1
 */
public final class BackupCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCatalog.class);

    /** Default age above which {@link #status} reports the newest set as stale: 26 hours. */
    public static final Duration DEFAULT_STALE_THRESHOLD = Duration.ofHours(26);

    private final BlobStore store;
    private final Clock clock;

    private BackupCatalog(BlobStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a catalog of a store; pins are stamped by the UTC system clock.
     *
     * @param store the store; the host keeps ownership
     * @return the catalog
     */
    public static BackupCatalog of(BlobStore store) {
        return new BackupCatalog(store, Clock.systemUTC());
    }

    /**
     * Creates a catalog of a store whose pins are stamped by {@code clock}.
     *
     * @param store the store; the host keeps ownership
     * @param clock the clock
     * @return the catalog
     */
    public static BackupCatalog of(BlobStore store, Clock clock) {
        return new BackupCatalog(store, clock);
    }

    /**
     * Returns the store this catalog reads.
     *
     * @return the store
     */
    public BlobStore store() {
        return store;
    }

    /**
     * Lists the complete sets, oldest first (by {@code createdAt}, then id). Sets without a manifest
     * or with an unusable one are left out (see {@link #incomplete()} and {@link #unreadable()}).
     *
     * @return the complete sets, empty when there are none
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public List<BackupSetInfo> list() {
        return StoreContents.read(store).complete();
    }

    /**
     * Returns the newest complete set.
     *
     * @return the last of {@link #list()}, empty when there is no complete set
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public Optional<BackupSetInfo> latest() {
        List<BackupSetInfo> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Returns one complete set.
     *
     * @param id the backup id
     * @return the set
     * @throws BlobNotFoundException when the set has no manifest (it does not exist or is incomplete)
     * @throws io.github.dbbackup.core.BackupFormatException when its manifest exists but cannot be used
     * @throws IllegalArgumentException when {@code id} is not a backup id
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public BackupSetInfo get(String id) {
        Instant startedAt = requireId(id);
        ScannedSet set = new ScannedSet(id, startedAt, store.list(id + "/"));
        if (!set.hasManifest()) {
            throw notFound(id);
        }
        try {
            return StoreContents.readSet(store, set);
        } catch (BlobNotFoundException e) {
            throw notFound(id);
        }
    }

    /**
     * Lists the incomplete sets: blobs under a backup id without a manifest, oldest first.
     *
     * @return the incomplete sets with their keys, bytes and the time their id carries
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public List<IncompleteSet> incomplete() {
        return StoreContents.read(store).incomplete();
    }

    /**
     * Lists the sets whose manifest exists but cannot be used (corrupt, foreign, of an unsupported
     * format version, or naming another set), oldest first.
     *
     * @return the unreadable sets with the reason
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public List<UnreadableSet> unreadable() {
        return StoreContents.read(store).unreadable();
    }

    /**
     * Pins a complete set, so that {@link io.github.dbbackup.core.retention.BackupPruner} never deletes it: writes the marker
     * {@code <id>/pinned.json} holding the time and the reason. Pinning a pinned set replaces its
     * marker.
     *
     * @param id the backup id
     * @param reason why it is kept, e.g. {@code "before the 2.0 migration"}; may be empty
     * @throws BlobNotFoundException when the set does not exist or is incomplete
     * @throws io.github.dbbackup.core.BackupFormatException when its manifest cannot be used
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public void pin(String id, String reason) {
        Objects.requireNonNull(reason, "reason");
        get(id);
        Instant now = clock.instant();
        store.put(pinKey(id), out -> SidecarCodec.writePin(id, now, reason, out));
        LOG.info("{}: pinned{}", id, reason.isEmpty() ? "" : " (" + reason + ")");
    }

    /**
     * Pins a complete set without giving a reason; see {@link #pin(String, String)}.
     *
     * @param id the backup id
     * @throws BlobNotFoundException when the set does not exist or is incomplete
     */
    public void pin(String id) {
        pin(id, "");
    }

    /**
     * Removes a set's pin marker, so that the retention policy applies to it again.
     *
     * @param id the backup id
     * @return {@code true} when the set was pinned
     * @throws IllegalArgumentException when {@code id} is not a backup id
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public boolean unpin(String id) {
        requireId(id);
        String key = pinKey(id);
        boolean pinned = store.stat(key).isPresent();
        if (pinned) {
            store.delete(key);
            LOG.info("{}: unpinned", id);
        }
        return pinned;
    }

    /**
     * Reports how old the newest complete set is, with the default threshold of 26 hours.
     *
     * @param clock what "now" is
     * @return the status
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public BackupStatus status(Clock clock) {
        return status(clock, DEFAULT_STALE_THRESHOLD);
    }

    /**
     * Reports how old the newest complete set is, and whether it is stale: older than
     * {@code threshold}, or missing altogether.
     *
     * @param clock what "now" is
     * @param threshold the age above which the newest set is stale (default 26 hours); positive
     * @return the status
     * @throws BackupConfigurationException when {@code threshold} is not positive
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    public BackupStatus status(Clock clock, Duration threshold) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isZero() || threshold.isNegative()) {
            throw new BackupConfigurationException("status threshold was '" + threshold + "' but it must be positive");
        }
        Instant now = clock.instant();
        Optional<BackupSetInfo> latest = latest();
        if (latest.isEmpty()) {
            return new BackupStatus(now, threshold, null, null, true);
        }
        Duration age = Duration.between(latest.get().createdAt(), now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        return new BackupStatus(now, threshold, latest.get(), age, age.compareTo(threshold) > 0);
    }

    private BlobNotFoundException notFound(String id) {
        return new BlobNotFoundException(Manifest.keyOf(id), "Backup set '" + id + "' has no manifest in "
                + store.describe() + ": it does not exist or is incomplete (its backup failed or is still running);"
                + " list the complete sets with BackupCatalog.list() and pick one of them");
    }

    static Instant requireId(String id) {
        Objects.requireNonNull(id, "id");
        return SetScan.timeOf(id).orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a backup id;"
                + " ids look like backup-20261129T030000Z-k3f9q2 (pattern " + BackupIds.ID.pattern() + ")"));
    }

    static String pinKey(String id) {
        return id + "/" + SetScan.PIN_FILE;
    }
}
