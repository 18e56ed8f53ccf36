package io.github.dbbackup.core.store;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BlobStore} in memory, for tests, fixtures and demos. Thread-safe; puts are atomic.
 *
 * @since 0.1
 */
public final class InMemoryBlobStore implements BlobStore {

    private record Blob(byte[] bytes, Instant lastModified) {
    }

    private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final Clock clock;

    /** Creates an empty store stamped by the UTC system clock. */
    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store whose blobs are stamped by {@code clock}.
     *
     * @param clock the clock
     */
    public InMemoryBlobStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(String key, BlobWriter writer) {
        BlobStore.validateKey(key);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writer.writeTo(buffer);
        } catch (Exception e) {
            throw new BackupStorageException(key, "Writing blob '" + key + "' to memory failed: " + e.getMessage(), e);
        }
        blobs.put(key, new Blob(buffer.toByteArray(), clock.instant()));
    }

    @Override
    public InputStream open(String key) {
        BlobStore.validateKey(key);
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new BlobNotFoundException(key, "Blob '" + key + "' does not exist in memory store");
        }
        return new ByteArrayInputStream(blob.bytes());
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return blobs.tailMap(prefix).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .map(e -> new BlobInfo(e.getKey(), e.getValue().bytes().length, e.getValue().lastModified()))
                .toList();
    }

    @Override
    public void delete(String key) {
        BlobStore.validateKey(key);
        blobs.remove(key);
    }

    @Override
    public String describe() {
        return "memory:" + Integer.toHexString(System.identityHashCode(this));
    }

    /**
     * Returns a copy of a blob's bytes, for tests that inspect or corrupt them.
     *
     * @param key the key
     * @return the bytes
     * @throws BlobNotFoundException when there is no such blob
     */
    public byte[] bytes(String key) {
        BlobStore.validateKey(key);
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new BlobNotFoundException(key, "Blob '" + key + "' does not exist in memory store");
        }
        return blob.bytes().clone();
    }
}
