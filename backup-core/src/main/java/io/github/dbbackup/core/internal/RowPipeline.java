package io.github.dbbackup.core.internal;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupReader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads rows on one thread (decompression, SHA-256, JSON decoding) while the caller's thread writes
 * them (binding, sending), so a restore uses two cores. Bounded: at most {@value #QUEUED} batches of
 * {@value #BATCH} rows wait. Failures on either side stop both and surface on the caller's thread.
 */
final class RowPipeline {
    static final int BATCH = 256;
    static final int QUEUED = 4;
    private static final Object[][] END = new Object[0][];

    /** Produces rows into a consumer, e.g. {@code c -> set.forEachRow(table, c)}. */
    @FunctionalInterface
    interface Source {
        long produce(BackupReader.RowConsumer consumer);
    }

    private RowPipeline() {
    }

    /**
     * Runs {@code source} on a reading thread and hands every row to {@code sink} on this thread.
     *
     * @param name the reading thread's name
     * @param source what reads the rows
     * @param sink what writes them; receives each row's own array
     * @return the number of rows
     */
    static long run(String name, Source source, Consumer<Object[]> sink) {
        BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(QUEUED);
        Throwable[] failure = new Throwable[1];
        Thread reader = new Thread(() -> {
            Object[][][] batch = {new Object[BATCH][]};
            int[] n = {0};
            try {
                source.produce(row -> {
                    batch[0][n[0]++] = row.clone();
                    if (n[0] == BATCH) {
                        put(queue, batch[0]);
                        batch[0] = new Object[BATCH][];
                        n[0] = 0;
                    }
                });
                if (n[0] > 0) {
                    put(queue, java.util.Arrays.copyOf(batch[0], n[0]));
                }
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                if (failure[0] != null) {
                    queue.clear(); // the restore fails anyway: make room for END at once
                }
                try {
                    queue.put(END); // after every good batch, in order
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    queue.clear();
                    queue.offer(END);
                }
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        long written = 0;
        try {
            while (true) {
                Object[][] batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                if (batch == END) {
                    break;
                }
                for (Object[] row : batch) {
                    sink.accept(row);
                    written++;
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.interrupt();
            throw new BackupException("Interrupted while restoring", e);
        } catch (RuntimeException | Error e) {
            reader.interrupt();
            joinQuietly(reader);
            throw e;
        }
        Throwable t = failure[0];
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new BackupException("Reading rows failed: " + t, t);
        }
        return written;
    }

    private static void put(BlockingQueue<Object[][]> queue, Object[][] batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted while reading rows", e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
