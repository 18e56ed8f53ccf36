package io.github.dbbackup.core.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationProblem;
import io.github.dbbackup.core.catalog.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the small sidecar blobs that sit beside a manifest and are not part of the set
 * (docs/RETENTION.md, "Sidecars"): {@code verification.json}, the last verification's result, and
 * {@code pinned.json}, the pin marker. Each carries {@code format} and {@code formatVersion} like
 * the manifest; readers accept any 1.x and ignore unknown members.
 */
public final class SidecarCodec {

    /** The {@code format} member of a verification sidecar. */
    public static final String VERIFICATION_FORMAT = "dbbackup.verification";

    /** The {@code format} member of a pin marker. */
    public static final String PIN_FORMAT = "dbbackup.pin";

    /** The sidecar format version this library writes. */
    public static final String CURRENT_VERSION = "1.0";

    private SidecarCodec() {
    }

    /**
     * Writes a verification result as pretty-printed UTF-8 JSON. Does not close {@code out}.
     *
     * @param result the result
     * @param out where to write
     * @throws IOException when writing fails
     */
    public static void writeVerification(VerificationResult result, OutputStream out) throws IOException {
        JsonGenerator g = JsonFormat.FACTORY.createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("format", VERIFICATION_FORMAT);
        g.writeStringField("formatVersion", CURRENT_VERSION);
        g.writeStringField("id", result.backupId());
        g.writeStringField("level", result.level().name());
        g.writeStringField("verifiedAt", result.verifiedAt().toString());
        g.writeNumberField("durationMs", result.duration().toMillis());
        g.writeBooleanField("ok", result.isOk());
        g.writeNumberField("partsChecked", result.partsChecked());
        g.writeNumberField("rowsChecked", result.rowsChecked());
        g.writeArrayFieldStart("problems");
        for (VerificationProblem problem : result.problems()) {
            g.writeStartObject();
            g.writeStringField("key", problem.key());
            g.writeStringField("reason", problem.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }

    /**
     * Reads and validates a verification sidecar. Does not close {@code in}.
     *
     * @param in the sidecar bytes
     * @param key the sidecar's key, for messages
     * @param backupId the set it must describe
     * @return the result it records
     * @throws BackupFormatException when it is not valid JSON, is foreign, has an unsupported major
     *     version, lacks a member, or describes another set
     */
    public static VerificationResult readVerification(InputStream in, String key, String backupId) {
        Map<?, ?> root = readObject(in, key, VERIFICATION_FORMAT);
        try {
            String id = string(root, "id");
            if (!id.equals(backupId)) {
                throw new IllegalArgumentException("it describes set '" + id + "', not '" + backupId + "'");
            }
            List<VerificationProblem> problems = new ArrayList<>();
            for (Object o : list(root, "problems")) {
                if (!(o instanceof Map<?, ?> p)) {
                    throw new IllegalArgumentException("'problems' holds a non-object");
                }
                problems.add(new VerificationProblem(string(p, "key"), string(p, "reason")));
            }
            VerificationResult result = new VerificationResult(id, VerificationLevel.valueOf(string(root, "level")),
                    Instant.parse(string(root, "verifiedAt")), Duration.ofMillis(number(root, "durationMs")),
                    Math.toIntExact(number(root, "partsChecked")), number(root, "rowsChecked"), problems);
            if (result.isOk() != bool(root, "ok")) {
                throw new IllegalArgumentException("'ok' contradicts 'problems'");
            }
            return result;
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new BackupFormatException(key, "Verification sidecar '" + key + "' is invalid: " + e.getMessage()
                    + "; verify the set again to replace it", e);
        }
    }

    /**
     * Writes a pin marker as pretty-printed UTF-8 JSON. Does not close {@code out}.
     *
     * @param backupId the pinned set
     * @param pinnedAt when it was pinned
     * @param reason why, as the operator gave it (may be empty)
     * @param out where to write
     * @throws IOException when writing fails
     */
    public static void writePin(String backupId, Instant pinnedAt, String reason, OutputStream out) throws IOException {
        JsonGenerator g = JsonFormat.FACTORY.createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("format", PIN_FORMAT);
        g.writeStringField("formatVersion", CURRENT_VERSION);
        g.writeStringField("id", backupId);
        g.writeStringField("pinnedAt", pinnedAt.toString());
        g.writeStringField("reason", reason);
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }

    private static Map<?, ?> readObject(InputStream in, String key, String format) {
        Object tree;
        try (JsonParser p = JsonFormat.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BackupFormatException(key, "'" + key + "' is not a JSON object; it is corrupt");
            }
            tree = JsonFormat.readTree(p);
            if (p.nextToken() != null) {
                throw new BackupFormatException(key, "'" + key + "' has data after its end; it is corrupt");
            }
        } catch (IOException e) {
            throw new BackupFormatException(key, "'" + key + "' is not valid JSON (" + e.getMessage()
                    + "); it is truncated or corrupt", e);
        }
        Map<?, ?> root = (Map<?, ?>) tree;
        if (!format.equals(root.get("format"))) {
            throw new BackupFormatException(key, "'" + key + "' is not a " + format + " document (format '"
                    + root.get("format") + "')");
        }
        Object version = root.get("formatVersion");
        FormatVersion.check(version instanceof String s ? s : null, key);
        return root;
    }

    private static Object member(Map<?, ?> map, String name) {
        if (!map.containsKey(name)) {
            throw new IllegalArgumentException("member '" + name + "' is missing");
        }
        return map.get(name);
    }

    private static String string(Map<?, ?> map, String name) {
        if (!(member(map, name) instanceof String s)) {
            throw new IllegalArgumentException("'" + name + "' is not a string");
        }
        return s;
    }

    private static long number(Map<?, ?> map, String name) {
        Object v = member(map, name);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException("'" + name + "' is not an integer");
        }
        return ((Number) v).longValue();
    }

    private static boolean bool(Map<?, ?> map, String name) {
        if (!(member(map, name) instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + name + "' is not a boolean");
        }
        return b;
    }

    private static List<?> list(Map<?, ?> map, String name) {
        if (!(member(map, name) instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + name + "' is not an array");
        }
        return l;
    }
}
