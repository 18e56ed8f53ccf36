package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @Test
    void parsesDaysHoursAndMinutes() {
        assertThat(Converters.duration("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Converters.duration("36h")).isEqualTo(Duration.ofHours(36));
        assertThat(Converters.duration("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Converters.duration("7D")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void parsesIso8601() {
        assertThat(Converters.duration("P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(Converters.duration("PT36H")).isEqualTo(Duration.ofHours(36));
        assertThat(Converters.duration("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void rejectsOtherFormsAndNonPositiveDurations() {
        assertThatThrownBy(() -> Converters.duration("30 days")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("30d");
        assertThatThrownBy(() -> Converters.duration("0d")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> Converters.duration("PT-1H")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> Converters.duration("3w")).isInstanceOf(TypeConversionException.class);
    }
}
