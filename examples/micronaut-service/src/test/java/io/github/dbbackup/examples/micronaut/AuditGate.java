package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditSink;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test hook ({@code test.audit-gate: true}): wraps the application's {@link AuditSink} so that, once
 * armed, the next backup stops right after recording {@code DATABASE_BACKUP_CREATED} (still inside
 * the job, holding the guard and the lock) until the test releases it. That makes "a second trigger
 * while a backup runs" deterministic.
 */
@Singleton
@Requires(property = "test.audit-gate", value = "true")
class AuditGate implements BeanCreatedEventListener<AuditSink> {
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    void arm() {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
        armed.set(true);
    }

    void awaitBackupHeld() throws InterruptedException {
        if (!reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the armed backup never reached the gate");
        }
    }

    void release() {
        released.countDown();
    }

    @Override
    public AuditSink onCreated(BeanCreatedEvent<AuditSink> event) {
        AuditSink real = event.getBean();
        return e -> {
            real.record(e);
            if (e.action() == AuditAction.DATABASE_BACKUP_CREATED && armed.compareAndSet(true, false)) {
                CountDownLatch release = released;
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
