package io.github.dbbackup.core.internal.store;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's side of keeping a set that is being written safe from the pruner's sweep (decision
 * 0015): a lease blob {@code <id>/lease.json} that the writer stores when it starts and stores again
 * every refresh interval, so the store's own timestamp of the set's newest blob stays recent while
 * the writer lives; and the checks that every part the writer stored is still there, with its size,
 * and that no prune is sweeping the set, once before the manifest is stored and once after (a failed
 * check after the manifest makes the caller remove the manifest again).
 *
 * <p>The pruner writes a sweep marker ({@code <id>/sweep-*.json}) into a set before it deletes
 * anything of it, re-lists the set, and deletes nothing when the manifest is there; it deletes its
 * marker last. The writer stores the manifest and then lists the set. Over a store with strong
 * read-after-write and list-after-write consistency, one of the two sees the other's blob: either
 * the pruner sees the manifest and leaves the set alone, or the writer sees the marker (or the parts
 * the pruner already deleted) and withdraws its manifest. A marker the writer sees may belong to a
 * prune that is only looking (it then deletes it within milliseconds), so the writer waits a little
 * for markers to go away before it judges.
 *
 * <p>Not thread-safe, except that the refresh runs on its own daemon thread.
 */
public final class SetLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SetLease.class);

    /** How often the writer stores its lease again: every minute. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);

    /** How long the writer waits for sweep markers to go away before it gives up: one minute. */
    public static final Duration DEFAULT_MARKER_WAIT = Duration.ofMinutes(1);

    private final BlobStore store;
    private final String id;
    private final Clock clock;
    private final Duration refresh;
    private final Duration markerWait;
    private final Object lock = new Object();
    private Thread refresher;
    private boolean stopped;

    private SetLease(BlobStore store, String id, Clock clock, Duration refresh, Duration markerWait) {
        this.store = Objects.requireNonNull(store, "store");
        this.id = Objects.requireNonNull(id, "id");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.markerWait = Objects.requireNonNull(markerWait, "markerWait");
    }

    /**
     * Stores the lease of set {@code id} and starts refreshing it every minute.
     *
     * @param store the store
     * @param id the set
     * @param clock the writer's clock (only written into the lease, for people; the pruner never reads it)
     * @return the running lease; close it to stop refreshing
     * @throws BackupStorageException when the first lease cannot be stored (nothing else was written then)
     */
    public static SetLease start(BlobStore store, String id, Clock clock) {
        return start(store, id, clock, DEFAULT_REFRESH, DEFAULT_MARKER_WAIT);
    }

    /**
     * Stores the lease of set {@code id} and starts refreshing it.
     *
     * @param store the store
     * @param id the set
     * @param clock the writer's clock
     * @param refresh how often the lease is stored again; {@link Duration#ZERO} stores it only once
     *     (tests call {@link #refresh()} themselves)
     * @param markerWait how long the checks wait for sweep markers to go away
     * @return the running lease
     * @throws BackupStorageException when the first lease cannot be stored
     */
    public static SetLease start(BlobStore store, String id, Clock clock, Duration refresh, Duration markerWait) {
        SetLease lease = new SetLease(store, id, clock, refresh, markerWait);
        lease.refresh();
        if (!refresh.isZero()) {
            lease.startRefresher();
        }
        return lease;
    }

    /**
     * Returns the key of a set's lease.
     *
     * @param id the set
     * @return {@code <id>/lease.json}
     */
    public static String keyOf(String id) {
        return id + "/" + SetScan.LEASE_FILE;
    }

    /**
     * Returns the key of this lease.
     *
     * @return {@code <id>/lease.json}
     */
    public String key() {
        return keyOf(id);
    }

    /**
     * Stores the lease again, which moves the store's timestamp of the set's newest blob to now.
     *
     * @throws BackupStorageException when the store fails
     */
    public void refresh() {
        String json = "{\n  \"format\" : \"dbbackup.lease\",\n  \"formatVersion\" : \"1.0\",\n  \"id\" : \"" + id
                + "\",\n  \"refreshedAt\" : \"" + clock.instant() + "\",\n  \"refreshSeconds\" : " + refresh.toSeconds()
                + "\n}\n";
        store.put(key(), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    }

    private void startRefresher() {
        refresher = new Thread(this::refreshUntilStopped, "dbbackup-lease " + id);
        refresher.setDaemon(true);
        refresher.start();
    }

    private void refreshUntilStopped() {
        long waitMillis = Math.max(1, refresh.toMillis());
        while (true) {
            synchronized (lock) {
                long deadline = System.nanoTime() + waitMillis * 1_000_000L;
                long left = waitMillis;
                while (!stopped && left > 0) {
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    left = (deadline - System.nanoTime()) / 1_000_000L;
                }
                if (stopped) {
                    return;
                }
            }
            try {
                refresh();
            } catch (RuntimeException e) {
                // Safety does not depend on the refresh (the checks around the manifest do); a prune may only
                // sweep the set sooner, and then the backup fails instead of committing.
                LOG.warn("{}: refreshing the lease '{}' failed; retrying in {} s: {}", id, key(), refresh.toSeconds(),
                        e.toString());
            }
        }
    }

    /**
     * Stops refreshing and waits for a refresh in progress to end. Does not delete the lease.
     * Idempotent.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
            thread = refresher;
            refresher = null;
        }
        if (thread != null && thread != Thread.currentThread()) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Deletes the lease blob, best effort (after the manifest is stored; a lease left behind is
     * ignored by readers and deleted with the set).
     */
    public void release() {
        close();
        try {
            store.delete(key());
        } catch (RuntimeException e) {
            LOG.warn("{}: could not delete the lease '{}' of the complete set (readers ignore it): {}", id, key(),
                    e.toString());
        }
    }

    /**
     * Checks, before the manifest is stored, that no prune is sweeping the set and that every part
     * is still stored with the size that was written.
     *
     * @param parts the parts the manifest will reference
     * @throws BackupStorageException naming the sweep marker or the first missing or changed part
     */
    public void confirmBeforeCommit(List<PartInfo> parts) {
        confirm(parts, "before its manifest was stored");
    }

    /**
     * Checks, after the manifest was stored, that no prune started sweeping the set meanwhile and
     * that every part is still stored; on failure the caller must delete the manifest.
     *
     * @param parts the parts the manifest references
     * @throws BackupStorageException naming the sweep marker or the first missing or changed part
     */
    public void confirmAfterCommit(List<PartInfo> parts) {
        confirm(parts, "right after its manifest was stored");
    }

    private void confirm(List<PartInfo> parts, String when) {
        long deadline = System.nanoTime() + markerWait.toNanos();
        List<BlobInfo> blobs = store.list(id + "/");
        Optional<BlobInfo> marker = sweepMarker(blobs);
        while (marker.isPresent() && System.nanoTime() - deadline < 0) {
            LOG.info("{}: a prune is inspecting the set ({}); waiting for it to finish", id, marker.get().key());
            try {
                Thread.sleep(Math.max(1, Math.min(1000, markerWait.toMillis() / 10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            blobs = store.list(id + "/");
            marker = sweepMarker(blobs);
        }
        if (marker.isPresent()) {
            throw new BackupStorageException(marker.get().key(), "Backup '" + id + "' was not committed: a prune is"
                    + " sweeping its set in " + store.describe() + " (sweep marker '" + marker.get().key() + "' found "
                    + when + "). A prune's incomplete-set grace period must exceed the longest backup run, and its"
                    + " clock must not run ahead; re-run the backup", null);
        }
        Map<String, Long> sizes = new HashMap<>();
        blobs.forEach(b -> sizes.put(b.key(), b.size()));
        for (PartInfo part : parts) {
            Long size = sizes.get(part.key());
            if (size == null) {
                throw new BackupStorageException(part.key(), "Backup '" + id + "' was not committed: its part '"
                        + part.key() + "' is no longer in " + store.describe() + " (checked " + when + "); a prune or"
                        + " another process deleted it while the backup ran. Re-run the backup, and check that no prune"
                        + " runs with a clock ahead or a grace period shorter than a backup run", null);
            }
            if (size != part.bytes()) {
                throw new BackupStorageException(part.key(), "Backup '" + id + "' was not committed: its part '"
                        + part.key() + "' holds " + size + " bytes in " + store.describe() + " but " + part.bytes()
                        + " were written (checked " + when + "); another process changed it. Re-run the backup", null);
            }
        }
    }

    private static Optional<BlobInfo> sweepMarker(List<BlobInfo> blobs) {
        return blobs.stream().filter(b -> SetScan.isSweepMarker(b.key())).findFirst();
    }
}
