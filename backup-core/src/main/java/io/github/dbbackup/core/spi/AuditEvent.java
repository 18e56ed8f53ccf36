package io.github.dbbackup.core.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    private static final JsonFactory JSON = new JsonFactory();

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
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : all.entrySet()) {
                g.writeFieldName(e.getKey());
                writeScalar(g, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void writeScalar(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if ((value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            g.writeString(value.toString()); // JSON has no NaN/Infinity: "NaN", "Infinity", "-Infinity" as in format v1
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            g.writeString(value.toString());
        }
    }
}
