package io.github.dbbackup.core.internal.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands what is written to a worker thread that writes it to a downstream stream, so that the
 * producer (reading rows, encoding JSON) and the consumer (compressing, hashing, storing) run at the
 * same time. Memory is bounded: at most {@value #QUEUED} chunks of {@value #CHUNK} bytes wait.
 * Not thread-safe on the producer side. {@link #close()} waits for the worker and rethrows its
 * failure; {@link #abort()} stops it without finishing the downstream stream.
 */
final class PipelinedOutputStream extends OutputStream {
    static final int CHUNK = 64 * 1024;
    static final int QUEUED = 8;
    private static final byte[] END = new byte[0];

    /** Creates the downstream stream on the worker thread and closes it there when the input ends. */
    @FunctionalInterface
    interface Downstream {
        OutputStream open() throws IOException;
    }

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread worker;
    private volatile Throwable failure;
    private byte[] buffer = new byte[CHUNK];
    private int count;
    private boolean closed;

    PipelinedOutputStream(Downstream downstream, String name) {
        this.worker = new Thread(() -> drain(downstream), name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void drain(Downstream downstream) {
        try (OutputStream out = downstream.open()) {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                out.write(chunk, 0, chunk.length);
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // unblock a producer waiting for room
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            handOver();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                handOver();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    private void handOver() throws IOException {
        byte[] chunk = count == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, count);
        enqueue(chunk);
        buffer = new byte[CHUNK];
        count = 0;
    }

    private void enqueue(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!worker.isAlive()) {
                    throw new IOException("the compression thread stopped unexpectedly");
                }
            }
            rethrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new InterruptedIOException("interrupted while handing data to the compression thread");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }

    /** Writes what remains, waits for the worker to finish the downstream stream, and rethrows its failure. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (count > 0) {
            handOver();
        }
        enqueue(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new InterruptedIOException("interrupted while waiting for the compression thread");
        }
        rethrow();
    }

    /** Stops the worker without finishing the downstream stream (the producer failed). */
    void abort() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
