package io.github.dbbackup.core.spi;

import java.util.List;

/**
 * Receives audit events. Implementations must be thread-safe. A sink may throw; dbbackup logs the
 * failure and carries on: an audit failure never turns a good backup into a failed one.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Records one event.
     *
     * @param event the event
     */
    void record(AuditEvent event);

    /**
     * A sink that drops every event.
     *
     * @return the sink
     */
    static AuditSink noop() {
        return event -> { };
    }

    /**
     * A sink that logs each event at INFO (failures at WARN) on the logger
     * {@code io.github.dbbackup.audit}, as {@code ACTION {"backupId":…,…}}.
     *
     * @return the sink
     */
    static AuditSink slf4j() {
        return new Slf4jAuditSink();
    }

    /**
     * A sink that hands each event to every given sink in order; one failing sink does not keep the
     * others from recording.
     *
     * @param sinks the sinks
     * @return the composite
     */
    static AuditSink all(AuditSink... sinks) {
        return new CompositeAuditSink(List.of(sinks));
    }
}
