package io.github.dbbackup.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelinedOutputStreamTest {

    @Test
    void deliversEveryByteInOrderWhateverTheWriteSizes() throws IOException {
        byte[] data = new byte[3 * PipelinedOutputStream.CHUNK * PipelinedOutputStream.QUEUED + 12345];
        new Random(1).nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PipelinedOutputStream out = new PipelinedOutputStream(() -> sink, "test")) {
            Random sizes = new Random(2);
            int off = 0;
            while (off < data.length) {
                if (sizes.nextInt(10) == 0) {
                    out.write(data[off++]);
                } else {
                    int n = Math.min(data.length - off, sizes.nextInt(100_000));
                    out.write(data, off, n);
                    off += n;
                }
            }
        }
        assertThat(sink.toByteArray()).isEqualTo(data);
    }

    @Test
    void closesTheDownstreamStreamOnTheWorkerWhenDone() throws IOException {
        boolean[] closed = {false};
        PipelinedOutputStream out = new PipelinedOutputStream(() -> new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        }, "test");
        out.write(new byte[10]);
        out.close();
        assertThat(closed[0]).isTrue();
    }

    @Test
    void aDownstreamFailureReachesTheProducerInsteadOfBlockingIt() {
        PipelinedOutputStream out = new PipelinedOutputStream(() -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        }, "test");
        byte[] chunk = new byte[PipelinedOutputStream.CHUNK];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10 * PipelinedOutputStream.QUEUED; i++) {
                out.write(chunk);
            }
            out.close();
        }).isInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void abortStopsTheWorkerWithoutFinishingTheDownstreamStream() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        boolean[] closed = {false};
        PipelinedOutputStream out = new PipelinedOutputStream(() -> new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                blocked.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("stopped");
                }
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        }, "test");
        out.write(new byte[PipelinedOutputStream.CHUNK + 1]);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        out.abort();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThat(closed[0]).as("the downstream stream is closed by try-with-resources on the worker").isTrue();
    }
}
