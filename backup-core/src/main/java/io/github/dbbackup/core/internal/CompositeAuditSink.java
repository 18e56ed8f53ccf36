package io.github.dbbackup.core.internal;

import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each event to every sink; a failing sink is logged and does not stop the others. */
public final class CompositeAuditSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeAuditSink.class);

    private final List<AuditSink> sinks;

    /**
     * Creates the composite.
     *
     * @param sinks the sinks, asked in order
     */
    public CompositeAuditSink(List<AuditSink> sinks) {
        sinks.forEach(s -> Objects.requireNonNull(s, "sink"));
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void record(AuditEvent event) {
        RuntimeException first = null;
        for (AuditSink sink : sinks) {
            try {
                sink.record(event);
            } catch (RuntimeException e) {
                LOG.warn("{}: audit sink {} failed to record {}: {}", event.backupId(), sink.getClass().getName(),
                        event.action(), e.toString());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Records an event on {@code sink}, logging instead of throwing when the sink fails: an audit
     * failure never turns a good operation into a failed one.
     *
     * @param sink the sink
     * @param event the event
     */
    public static void recordSafely(AuditSink sink, AuditEvent event) {
        try {
            sink.record(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: audit sink failed to record {}; the operation itself is unaffected: {}", event.backupId(),
                    event.action(), e.toString());
        }
    }
}
