package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupHealthTest implements TestPropertyProvider {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T03:00:00Z"));

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    BackupService service;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestSupport.h2Properties("secret");
    }

    @Test
    void turnsDownWithoutABackupUpAfterOneAndDownAgainAfter26Hours() {
        Api api = new Api(client, json);
        assertThat(backupHealth(api)).containsEntry("status", "DOWN");

        assertThat(service.runOnce("test")).isInstanceOf(BackupService.Completed.class);
        clock.advance(Duration.ofHours(25));
        Map<String, Object> fresh = backupHealth(api);
        assertThat(fresh).containsEntry("status", "UP");
        assertThat(fresh.get("details").toString()).contains("fresh", "25 hours");

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        Map<String, Object> stale = backupHealth(api);
        assertThat(stale).containsEntry("status", "DOWN");
        assertThat(stale.get("details").toString()).contains("stale");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> backupHealth(Api api) {
        Api.Reply reply = api.get("/health", null);
        Map<String, Object> body = api.parse(reply.body());
        Map<String, Object> backup = (Map<String, Object>) ((Map<String, Object>) body.get("details")).get("backup");
        assertThat(reply.status()).isEqualTo("UP".equals(backup.get("status")) ? 200 : 503);
        return backup;
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
