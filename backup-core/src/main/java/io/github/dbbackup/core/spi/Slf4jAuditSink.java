package io.github.dbbackup.core.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs audit events on {@code io.github.dbbackup.audit}: failures at WARN, the rest at INFO. */
final class Slf4jAuditSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.dbbackup.audit");

    @Override
    public void record(AuditEvent event) {
        if (event.action().name().endsWith("FAILED")) {
            LOG.warn("{} {}", event.action(), event.detailsJson());
        } else {
            LOG.info("{} {}", event.action(), event.detailsJson());
        }
    }
}
