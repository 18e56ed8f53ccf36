package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AuditSink} that keeps every event in order; optionally throws after recording, to prove
 * that an audit failure never fails the audited operation. Thread-safe.
 */
public final class RecordingAuditSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    /**
     * Makes {@link #record} throw {@code failure} after it recorded the event.
     *
     * @param failure what to throw, {@code null} to stop failing
     * @return this sink
     */
    public RecordingAuditSink failWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    @Override
    public void record(AuditEvent event) {
        events.add(event);
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /**
     * Returns every event recorded, in order.
     *
     * @return the events
     */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Returns the actions of every event recorded, in order.
     *
     * @return the actions
     */
    public List<AuditAction> actions() {
        return events.stream().map(AuditEvent::action).toList();
    }

    /**
     * Returns the only event with {@code action}.
     *
     * @param action the action
     * @return the event
     * @throws AssertionError when there is none or more than one
     */
    public AuditEvent single(AuditAction action) {
        List<AuditEvent> matching = events.stream().filter(e -> e.action() == action).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one " + action + " event but found " + matching.size()
                    + " among " + actions());
        }
        return matching.get(0);
    }
}
