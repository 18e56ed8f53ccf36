package io.github.dbbackup.core.spi;

import io.github.dbbackup.core.internal.format.JsonFormat;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audited step. Never holds secrets or row values.
 *
 * @param action what happened
 * @param time when it happened
 * @param backupId the backup set concerned
 * @param details figures or the cause, in insertion order; values are strings, numbers or booleans
 * @since 0.1
 */
public record AuditEvent(AuditAction action, Instant time, String backupId, Map<String, Object> details) {

    /** Checks the components. */
    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(backupId, "backupId");
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            Objects.requireNonNull(k, "details key");
            Objects.requireNonNull(v, () -> "details value of '" + k + "'");
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("details value of '" + k + "' is a " + v.getClass().getName()
                        + "; only strings, numbers and booleans are allowed");
            }
            copy.put(k, v);
        });
        details = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the details as one JSON object, e.g.
     * {@code {"backupId":"backup-…","tables":12,"rows":4031}}, with the backup id first.
     *
     * @return the JSON text
     */
    public String detailsJson() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("backupId", backupId);
        all.putAll(details);
        return JsonFormat.toJsonObject(all);
    }
}
