package io.github.dbbackup.storage.s3;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Counts the part uploads one put has in flight and makes the writer wait while all slots are
 * taken, which bounds a put's memory. Taken by the put's thread, given back by the upload threads.
 * Thread-safe.
 */
final class UploadSlots {

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private int inFlight;

    /**
     * @param limit the most slots taken at the same time; at least 1
     */
    UploadSlots(int limit) {
        this.limit = limit;
    }

    /**
     * Waits until a slot is free, then takes it; gives up as soon as {@code stop} says so. A
     * {@link #release()} wakes the waiting thread, so whoever makes {@code stop} true must release
     * a slot afterwards (a part upload that failed does).
     *
     * @param stop asked before each wait and after the last
     * @return {@code true} when a slot was taken, {@code false} when {@code stop} became true
     * @throws InterruptedException when interrupted while waiting; no slot was taken then
     */
    boolean acquire(BooleanSupplier stop) throws InterruptedException {
        lock.lock();
        try {
            while (inFlight >= limit && !stop.getAsBoolean()) {
                changed.await();
            }
            if (stop.getAsBoolean()) {
                return false;
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back and wakes whoever waits. */
    void release() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every slot is free.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while (inFlight > 0) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every slot is free or the time is up, ignoring interrupts but keeping the
     * thread's interrupt status.
     *
     * @param nanos the most time to wait
     * @return whether every slot is free
     */
    boolean awaitIdleQuietly(long nanos) {
        boolean interrupted = false;
        lock.lock();
        try {
            long left = nanos;
            while (inFlight > 0 && left > 0) {
                try {
                    left = changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return inFlight == 0;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many slots are taken now. */
    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
