package io.github.dbbackup.core.spi;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each event to every sink; a failing sink is logged and does not stop the others. */
final class CompositeAuditSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeAuditSink.class);

    private final List<AuditSink> sinks;

    /**
     * Creates the composite.
     *
     * @param sinks the sinks, asked in order
     */
    CompositeAuditSink(List<AuditSink> sinks) {
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
}
