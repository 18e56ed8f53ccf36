package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    @Test
    void reportsEveryProblemAtOnceNamingPropertyAndValue() {
        assertThatThrownBy(() -> new ServiceSettings("", Path.of("store"), "mine", " ", Duration.ofDays(-1), -1, 0, 0, 0,
                Duration.ZERO))
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("dbbackup.plan was 'mine'")
                .hasMessageContaining("dbbackup.lock-name")
                .hasMessageContaining("dbbackup.retention.max-age was 'PT-24H'")
                .hasMessageContaining("dbbackup.retention.keep-last was -1")
                .hasMessageContaining("dbbackup.health.stale-after was 'PT0S'");
    }

    @Test
    void refusesARetentionThatKeepsNothingAndNeverPrintsTheSecret() {
        assertThatThrownBy(() -> new ServiceSettings("x", Path.of("s"), "qa-app", "dbbackup", Duration.ZERO, 0, 0, 0, 0,
                Duration.ofHours(26)))
                .hasMessageContaining("keeps nothing");
        ServiceSettings settings = new ServiceSettings("top-secret", Path.of("s"), "qa-app", "dbbackup",
                Duration.ofDays(30), 0, 7, 4, 0, Duration.ofHours(26));
        assertThat(settings.isEndpointEnabled()).isTrue();
        assertThat(settings.toString()).doesNotContain("top-secret").contains("(set)");
        assertThat(settings.retention().isEmpty()).isFalse();
    }
}
