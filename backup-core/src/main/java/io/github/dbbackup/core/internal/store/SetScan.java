package io.github.dbbackup.core.internal.store;

import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One listing of a store grouped into backup sets: every key whose first segment is a backup id
 * ({@link BackupIds#ID}, with a real UTC date and time) belongs to that id's set; every other key is
 * not ours and is ignored (so it is never deleted). Reads no blob content.
 */
public final class SetScan {

    /** Key of the pin marker inside a set. */
    public static final String PIN_FILE = "pinned.json";

    /** Key of the verification sidecar inside a set. */
    public static final String VERIFICATION_FILE = "verification.json";

    /** Key of the writer's lease inside a set that is being written (decision 0015). */
    public static final String LEASE_FILE = "lease.json";

    /** Start of the key of a pruner's sweep marker inside a set: {@code sweep-<suffix>.json}. */
    public static final String SWEEP_MARKER_PREFIX = "sweep-";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * The blobs of one id.
     *
     * @param id the backup id
     * @param startedAt the UTC time the id carries (when its backup started, to the second)
     * @param blobs every blob under {@code id/}, sorted by key
     */
    public record ScannedSet(String id, Instant startedAt, List<BlobInfo> blobs) {

        /** Checks the components. */
        public ScannedSet {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(startedAt, "startedAt");
            blobs = List.copyOf(blobs);
        }

        /**
         * Returns whether the set has a manifest (i.e. is complete, if the manifest parses).
         *
         * @return {@code true} when {@code id/manifest.json} exists
         */
        public boolean hasManifest() {
            return has(Manifest.FILE_NAME);
        }

        /**
         * Returns whether the set carries a pin marker.
         *
         * @return {@code true} when {@code id/pinned.json} exists
         */
        public boolean isPinned() {
            return has(PIN_FILE);
        }

        /**
         * Returns whether the set carries a verification sidecar.
         *
         * @return {@code true} when {@code id/verification.json} exists
         */
        public boolean hasVerification() {
            return has(VERIFICATION_FILE);
        }

        /**
         * Returns the keys of all blobs of the set.
         *
         * @return the keys, sorted
         */
        public List<String> keys() {
            return blobs.stream().map(BlobInfo::key).toList();
        }

        /**
         * Returns the stored size of all blobs of the set.
         *
         * @return bytes
         */
        public long bytes() {
            return blobs.stream().mapToLong(BlobInfo::size).sum();
        }

        /**
         * Returns the store's timestamp of the newest blob of the set that a writer stored (sweep
         * markers left by prunes do not count).
         *
         * @return the newest {@link BlobInfo#lastModified()}, empty when the set holds only sweep markers
         */
        public Optional<Instant> lastWritten() {
            return SetScan.lastWritten(blobs);
        }

        private boolean has(String file) {
            String key = id + "/" + file;
            return blobs.stream().anyMatch(b -> b.key().equals(key));
        }
    }

    private SetScan() {
    }

    /**
     * Returns the store's timestamp of the newest blob that is not a sweep marker.
     *
     * @param blobs blobs of one set
     * @return the newest {@link BlobInfo#lastModified()}, empty when there is none
     */
    public static Optional<Instant> lastWritten(List<BlobInfo> blobs) {
        return blobs.stream().filter(b -> !isSweepMarker(b.key())).map(BlobInfo::lastModified)
                .max(Instant::compareTo);
    }

    /**
     * Returns whether a key is a pruner's sweep marker ({@code <id>/sweep-<suffix>.json}).
     *
     * @param key a key
     * @return {@code true} for a sweep marker
     */
    public static boolean isSweepMarker(String key) {
        int slash = key.indexOf('/');
        return slash > 0 && key.startsWith(SWEEP_MARKER_PREFIX, slash + 1) && key.endsWith(".json")
                && key.indexOf('/', slash + 1) < 0;
    }

    /**
     * Lists the store once and groups its backup-id keys into sets.
     *
     * @param store the store
     * @return the sets, sorted by id (which is by start time)
     * @throws io.github.dbbackup.core.BackupStorageException when listing fails
     */
    public static List<ScannedSet> scan(BlobStore store) {
        Map<String, List<BlobInfo>> byId = new TreeMap<>();
        Map<String, Instant> times = new TreeMap<>();
        for (BlobInfo blob : store.list("backup-")) {
            int slash = blob.key().indexOf('/');
            if (slash < 0) {
                continue; // a bare blob named like an id is not a set
            }
            String id = blob.key().substring(0, slash);
            Optional<Instant> time = times.containsKey(id) ? Optional.of(times.get(id)) : timeOf(id);
            if (time.isEmpty()) {
                continue;
            }
            times.put(id, time.get());
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(blob);
        }
        List<ScannedSet> sets = new ArrayList<>();
        byId.forEach((id, blobs) -> sets.add(new ScannedSet(id, times.get(id), blobs)));
        return sets;
    }

    /**
     * Returns the UTC time a backup id carries.
     *
     * @param id a string
     * @return the time, empty when {@code id} is not a backup id or names no real date and time
     */
    public static Optional<Instant> timeOf(String id) {
        if (id == null || !BackupIds.isId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(id.substring(7, 23), STAMP).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
