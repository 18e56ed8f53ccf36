package io.github.dbbackup.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.spi.KeyRange;
import io.github.dbbackup.core.spi.KeySpan;
import org.junit.jupiter.api.Test;

class ExportScheduleTest {

    @Test
    void cutsASpanIntoEqualWidthsWithOpenEnds() {
        assertThat(ExportSchedule.split(new KeySpan("id", 1, 10), 3)).containsExactly(
                new KeyRange("id", null, 4L), new KeyRange("id", 4L, 7L), new KeyRange("id", 7L, null));
    }

    @Test
    void theWholeLongRangeDoesNotOverflow() {
        assertThat(ExportSchedule.split(new KeySpan("id", Long.MIN_VALUE, Long.MAX_VALUE), 2)).containsExactly(
                new KeyRange("id", null, 0L), new KeyRange("id", 0L, null));
        assertThat(ExportSchedule.split(new KeySpan("id", Long.MAX_VALUE - 3, Long.MAX_VALUE), 4)).containsExactly(
                new KeyRange("id", null, Long.MAX_VALUE - 2), new KeyRange("id", Long.MAX_VALUE - 2, Long.MAX_VALUE - 1),
                new KeyRange("id", Long.MAX_VALUE - 1, Long.MAX_VALUE), new KeyRange("id", Long.MAX_VALUE, null));
    }

    @Test
    void oneRangeIsTheWholeTable() {
        assertThat(ExportSchedule.split(new KeySpan("id", 5, 5), 1)).containsExactly(new KeyRange("id", null, null));
    }
}
