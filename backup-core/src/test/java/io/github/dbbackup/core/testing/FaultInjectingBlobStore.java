package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link BlobStore} wrapper that records every call in order ({@code "put <key>"},
 * {@code "delete <key>"}, {@code "open <key>"}, {@code "list <prefix>"}) and injects failures.
 *
 * <p>An injected put failure lets the writer run to the end (into a discarded buffer, as a store
 * whose upload fails after the data was sent) and then throws a {@link BackupStorageException}
 * naming the key; the blob never becomes visible, as the {@code BlobStore} contract requires.
 * Thread-safe.
 */
public final class FaultInjectingBlobStore implements BlobStore {

    private final BlobStore delegate;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger puts = new AtomicInteger();
    private volatile int failPutNumber = -1;
    private volatile Predicate<String> failPutWhere = key -> false;
    private volatile boolean failDeletes;
    private volatile Predicate<String> failOpenWhere = key -> false;
    private volatile Predicate<String> failReadWhere = key -> false;
    private volatile int failReadAfter;
    private volatile IOException readFailure;
    private Predicate<String> beforePutWhere = key -> false;
    private Runnable beforePut;

    /**
     * Wraps a store.
     *
     * @param delegate the store that keeps the blobs
     */
    public FaultInjectingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    /**
     * Fails the {@code n}-th put (counting from 1, over all keys).
     *
     * @param n which put fails
     * @return this store
     */
    public FaultInjectingBlobStore failPut(int n) {
        this.failPutNumber = n;
        return this;
    }

    /**
     * Fails every put whose key matches.
     *
     * @param keys which keys fail
     * @return this store
     */
    public FaultInjectingBlobStore failPutWhere(Predicate<String> keys) {
        this.failPutWhere = keys;
        return this;
    }

    /**
     * Fails every delete.
     *
     * @return this store
     */
    public FaultInjectingBlobStore failDeletes() {
        this.failDeletes = true;
        return this;
    }

    /**
     * Fails every open whose key matches.
     *
     * @param keys which keys fail
     * @return this store
     */
    public FaultInjectingBlobStore failOpenWhere(Predicate<String> keys) {
        this.failOpenWhere = keys;
        return this;
    }

    /**
     * Makes every stream opened for a matching key throw {@code failure} once {@code afterBytes}
     * bytes were read from it, as a connection that resets half-way through a download.
     *
     * @param keys which keys fail
     * @param afterBytes the bytes read before the failure
     * @param failure what the stream throws (the same instance every time)
     * @return this store
     */
    public FaultInjectingBlobStore failReadsWhere(Predicate<String> keys, int afterBytes, IOException failure) {
        this.failReadAfter = afterBytes;
        this.readFailure = failure;
        this.failReadWhere = keys;
        return this;
    }

    /**
     * Runs {@code action} once, on the putting thread, just before the first put whose key matches
     * is passed on: another process's work (a prune) interleaved at an exact point of this one's.
     *
     * @param keys which put triggers it
     * @param action what runs then
     * @return this store
     */
    public synchronized FaultInjectingBlobStore beforePutWhere(Predicate<String> keys, Runnable action) {
        this.beforePutWhere = keys;
        this.beforePut = action;
        return this;
    }

    @Override
    public void put(String key, BlobWriter writer) {
        calls.add("put " + key);
        Runnable action = null;
        synchronized (this) {
            if (beforePut != null && beforePutWhere.test(key)) {
                action = beforePut;
                beforePut = null;
            }
        }
        if (action != null) {
            action.run();
        }
        int n = puts.incrementAndGet();
        if (n == failPutNumber || failPutWhere.test(key)) {
            try {
                writer.writeTo(OutputStream.nullOutputStream());
            } catch (Exception e) {
                throw new BackupStorageException(key, "Writing blob '" + key + "' failed: " + e.getMessage(), e);
            }
            throw new BackupStorageException(key, "Injected failure storing blob '" + key + "'", null);
        }
        delegate.put(key, writer);
        stored.add(key);
    }

    @Override
    public InputStream open(String key) {
        calls.add("open " + key);
        if (failOpenWhere.test(key)) {
            throw new BackupStorageException(key, "Injected failure opening blob '" + key + "'", null);
        }
        if (!failReadWhere.test(key)) {
            return delegate.open(key);
        }
        int after = failReadAfter;
        IOException failure = readFailure;
        return new FilterInputStream(delegate.open(key)) {
            private int read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= after) {
                    throw failure;
                }
                int n = super.read(b, off, Math.min(len, after - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        calls.add("list " + prefix);
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        calls.add("delete " + key);
        if (failDeletes) {
            throw new BackupStorageException(key, "Injected failure deleting blob '" + key + "'", null);
        }
        delegate.delete(key);
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        return delegate.stat(key);
    }

    @Override
    public String describe() {
        return "faulty(" + delegate.describe() + ")";
    }

    /**
     * Returns every call, in order, as {@code "<operation> <key or prefix>"}.
     *
     * @return the calls
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * Returns the keys of the puts that succeeded, in order.
     *
     * @return the keys
     */
    public List<String> storedKeys() {
        return List.copyOf(stored);
    }

    /**
     * Returns the keys of every put attempted, in order.
     *
     * @return the keys
     */
    public List<String> attemptedPuts() {
        return calls.stream().filter(c -> c.startsWith("put ")).map(c -> c.substring(4)).toList();
    }

    /**
     * Returns the keys of every delete attempted, in order.
     *
     * @return the keys
     */
    public List<String> attemptedDeletes() {
        return calls.stream().filter(c -> c.startsWith("delete ")).map(c -> c.substring(7)).toList();
    }
}
