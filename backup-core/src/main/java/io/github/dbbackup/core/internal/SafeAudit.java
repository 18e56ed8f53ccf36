package io.github.dbbackup.core.internal;

import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records audit events so that an audit failure never turns a good operation into a failed one. */
public final class SafeAudit {
    private static final Logger LOG = LoggerFactory.getLogger(SafeAudit.class);

    private SafeAudit() {
    }

    /**
     * Records an event on {@code sink}, logging instead of throwing when the sink fails.
     *
     * @param sink the sink
     * @param event the event
     */
    public static void record(AuditSink sink, AuditEvent event) {
        try {
            sink.record(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: audit sink failed to record {}; the operation itself is unaffected: {}", event.backupId(),
                    event.action(), e.toString());
        }
    }
}
