package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on a put's part uploads in flight: who waits, who wakes, and who gives up. */
class UploadSlotsTest {

    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void aPutWaitsWhileEverySlotIsTakenAndGoesOnWhenAPartUploadEnds() throws Exception {
        UploadSlots slots = new UploadSlots(2);
        assertThat(slots.acquire(() -> false)).isTrue();
        assertThat(slots.acquire(() -> false)).isTrue();

        Future<Boolean> third = other.submit(() -> slots.acquire(() -> false));

        assertThatThrownBy(() -> third.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        slots.release();
        assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slots.inFlight()).isEqualTo(2);
    }

    @Test
    void aWaitingPutGivesUpWithoutTakingASlotWhenAPartUploadFailed() throws Exception {
        UploadSlots slots = new UploadSlots(1);
        slots.acquire(() -> false);
        AtomicBoolean failed = new AtomicBoolean();

        Future<Boolean> waiting = other.submit(() -> slots.acquire(failed::get));
        assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        failed.set(true); // what a failing part upload does before it gives its slot back
        slots.release();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(slots.inFlight()).isZero();
        assertThat(slots.acquire(failed::get)).as("a free slot is not taken after a failure either").isFalse();
    }

    @Test
    void anInterruptedPutTakesNoSlot() throws Exception {
        UploadSlots slots = new UploadSlots(1);
        slots.acquire(() -> false);

        Future<Object> waiting = other.submit(() -> {
            Thread.currentThread().interrupt();
            return slots.acquire(() -> false);
        });

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
        assertThat(slots.inFlight()).isEqualTo(1);
    }

    @Test
    void awaitIdleReturnsOnceTheLastPartUploadEnds() throws Exception {
        UploadSlots slots = new UploadSlots(2);
        slots.acquire(() -> false);
        slots.acquire(() -> false);

        Future<?> idle = other.submit(() -> {
            slots.awaitIdle();
            return null;
        });
        slots.release();
        assertThatThrownBy(() -> idle.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        slots.release();

        idle.get(10, TimeUnit.SECONDS);
        assertThat(slots.inFlight()).isZero();
    }

    @Test
    void awaitIdleQuietlyGivesUpAfterItsTimeAndKeepsTheInterruptStatus() throws Exception {
        UploadSlots slots = new UploadSlots(1);
        slots.acquire(() -> false);

        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Future<Boolean> idle = other.submit(() -> {
            boolean result = slots.awaitIdleQuietly(Duration.ofMillis(300).toNanos());
            interruptKept.complete(Thread.currentThread().isInterrupted());
            return result;
        });
        Thread.sleep(50);
        other.shutdownNow(); // interrupts the waiting thread, which keeps waiting

        assertThat(idle.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(interruptKept.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slots.awaitIdleQuietly(0)).isFalse();
        slots.release();
        assertThat(slots.awaitIdleQuietly(0)).isTrue();
    }
}
