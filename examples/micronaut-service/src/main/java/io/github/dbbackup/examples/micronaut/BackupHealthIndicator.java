package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reports {@code backup} DOWN when there is no complete set or the newest one is older than
 * {@code dbbackup.health.stale-after} (default 26 hours: a daily backup plus two hours), measured with
 * the injected {@link Clock}. It is part of {@code /health} and {@code /health/readiness}, not of
 * {@code /health/liveness}: probe the latter, and alert on the former, so that a stale backup pages
 * someone instead of restarting or unrouting the service.
 */
@Singleton
public class BackupHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final BackupCatalog catalog;
    private final Clock clock;
    private final ServiceSettings settings;

    /**
     * Creates the indicator.
     *
     * @param catalog lists the sets
     * @param clock what "now" is
     * @param settings the threshold
     */
    public BackupHealthIndicator(BackupCatalog catalog, Clock clock, ServiceSettings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        BackupStatus status = catalog.status(clock, settings.staleAfter());
        healthStatus = status.stale() ? HealthStatus.DOWN : HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message", status.message());
        details.put("thresholdSeconds", status.threshold().toSeconds());
        if (status.hasBackup()) {
            details.put("latest", status.latest().id());
            details.put("latestCreatedAt", status.latest().createdAt().toString());
            details.put("ageSeconds", status.age().toSeconds());
        }
        return details;
    }

    @Override
    protected String getName() {
        return "backup";
    }
}
