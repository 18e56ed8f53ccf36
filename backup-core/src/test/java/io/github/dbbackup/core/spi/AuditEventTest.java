package io.github.dbbackup.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");
    private static final String ID = "backup-20261129T030000Z-k3f9q2";

    /** Parses a flat JSON object, keeping member order and JSON types. */
    private static Map<String, Object> parse(String json) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                out.put(name, switch (t) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                    case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                    default -> throw new AssertionError("unexpected " + t);
                });
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isNull();
        }
        return out;
    }

    private static Map<String, Object> details(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void writesTheBackupIdFirstThenTheDetailsInOrder() {
        AuditEvent event = new AuditEvent(AuditAction.DATABASE_BACKUP_CREATED, AT, ID,
                details("tables", 12, "rows", 4031L, "bytes", 123456789012L, "durationMs", 1500L, "complete", true));

        assertThat(event.detailsJson()).isEqualTo("{\"backupId\":\"" + ID + "\",\"tables\":12,\"rows\":4031,"
                + "\"bytes\":123456789012,\"durationMs\":1500,\"complete\":true}");
    }

    @Test
    void escapesStringsSoTheJsonStaysValid() throws IOException {
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 unicode é😀 </script> \u2028";
        AuditEvent event = new AuditEvent(AuditAction.DATABASE_BACKUP_FAILED, AT, ID,
                details("cause", nasty, "key \"with\" quotes", "v"));

        Map<String, Object> parsed = parse(event.detailsJson());

        assertThat(parsed).containsExactly(Map.entry("backupId", ID), Map.entry("cause", nasty),
                Map.entry("key \"with\" quotes", "v"));
        assertThat(event.detailsJson()).doesNotContain("\n");
    }

    @Test
    void writesDecimalNumbersExactly() throws IOException {
        AuditEvent event = new AuditEvent(AuditAction.BACKUP_VERIFIED, AT, ID,
                details("ratio", 0.25d, "exact", new BigDecimal("12345678901234567890.123456789")));

        assertThat(parse(event.detailsJson())).containsEntry("ratio", new BigDecimal("0.25"))
                .containsEntry("exact", new BigDecimal("12345678901234567890.123456789"));
    }

    @Test
    void keepsTheJsonValidForNonFiniteNumbers() throws IOException {
        AuditEvent event = new AuditEvent(AuditAction.BACKUP_VERIFIED, AT, ID,
                details("a", Double.NaN, "b", Double.POSITIVE_INFINITY, "c", Float.NEGATIVE_INFINITY));

        assertThat(parse(event.detailsJson())).containsEntry("a", "NaN").containsEntry("b", "Infinity")
                .containsEntry("c", "-Infinity");
    }

    @Test
    void writesJustTheBackupIdWhenThereAreNoDetails() {
        assertThat(new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, Map.of()).detailsJson())
                .isEqualTo("{\"backupId\":\"" + ID + "\"}");
    }

    @Test
    void rejectsNonScalarDetailValues() {
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, details("tables", List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("details value of 'tables'")
                .hasMessageContaining("only strings, numbers and booleans are allowed");
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, details("m", Map.of("k", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'m'");
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, details("d", Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Duration");
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, details("b", new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
    }

    @Test
    void rejectsNullDetailKeysAndValues() {
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("cause", null);
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");

        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, nullValue))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'cause'");
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, nullKey))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent(null, AT, ID, Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, null, ID, Map.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent(AuditAction.BACKUP_PRUNED, AT, null, Map.of()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void copiesTheDetailsAndKeepsThemUnmodifiable() {
        Map<String, Object> given = details("rows", 1L);
        AuditEvent event = new AuditEvent(AuditAction.DATABASE_BACKUP_CREATED, AT, ID, given);
        given.put("rows", 2L);

        assertThat(event.details()).containsExactly(Map.entry("rows", 1L));
        assertThatThrownBy(() -> event.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsTheActionNamesThatMonitoringQueriesLookFor() {
        assertThat(AuditAction.DATABASE_BACKUP_CREATED.name()).isEqualTo("DATABASE_BACKUP_CREATED");
        assertThat(AuditAction.DATABASE_BACKUP_FAILED.name()).isEqualTo("DATABASE_BACKUP_FAILED");
    }

    // ---------------------------------------------------------------- AuditSink.all

    @Test
    void allHandsEachEventToEverySinkInOrder() {
        List<String> calls = new ArrayList<>();
        AuditSink all = AuditSink.all(e -> calls.add("first " + e.action()), e -> calls.add("second " + e.action()));

        all.record(new AuditEvent(AuditAction.BACKUP_PRUNED, AT, ID, Map.of()));

        assertThat(calls).containsExactly("first BACKUP_PRUNED", "second BACKUP_PRUNED");
    }

    @Test
    void allCallsEverySinkEvenIfOneThrowsThenRethrowsTheFirstFailure() {
        RecordingAuditSink before = new RecordingAuditSink();
        IllegalStateException boom = new IllegalStateException("audit table is gone");
        RecordingAuditSink failing = new RecordingAuditSink().failWith(boom);
        RecordingAuditSink alsoFailing = new RecordingAuditSink().failWith(new IllegalStateException("second"));
        RecordingAuditSink after = new RecordingAuditSink();
        AuditEvent event = new AuditEvent(AuditAction.DATABASE_BACKUP_CREATED, AT, ID, Map.of("rows", 1));

        assertThatThrownBy(() -> AuditSink.all(before, failing, alsoFailing, after).record(event)).isSameAs(boom);

        assertThat(before.events()).containsExactly(event);
        assertThat(failing.events()).containsExactly(event);
        assertThat(alsoFailing.events()).containsExactly(event);
        assertThat(after.events()).containsExactly(event);
    }

    @Test
    void allRejectsANullSink() {
        assertThatThrownBy(() -> AuditSink.all(AuditSink.noop(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void noopAndSlf4jSinksAcceptEveryAction() {
        for (AuditAction action : AuditAction.values()) {
            AuditEvent event = new AuditEvent(action, AT, ID, Map.of("cause", "x"));
            AuditSink.noop().record(event);
            AuditSink.slf4j().record(event);
        }
        assertThat(AuditSink.all().getClass().getSimpleName()).isEqualTo("CompositeAuditSink");
    }
}
