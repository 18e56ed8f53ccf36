package io.github.dbbackup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RowPipelineTest {

    private static RowPipeline.Source rows(int count, RuntimeException failAfter) {
        return consumer -> {
            Object[] reused = new Object[1];
            for (int i = 0; i < count; i++) {
                reused[0] = (long) i;
                consumer.accept(reused); // the reader reuses its array, as BackupReader does
            }
            if (failAfter != null) {
                throw failAfter;
            }
            return count;
        };
    }

    @Test
    void deliversEveryRowInOrderAcrossBatchBoundaries() {
        int count = RowPipeline.BATCH * (RowPipeline.QUEUED + 3) + 17;
        List<Long> seen = new ArrayList<>();
        long written = RowPipeline.run("test", rows(count, null), row -> seen.add((Long) row[0]));
        assertThat(written).isEqualTo(count);
        assertThat(seen).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aReadingFailureSurfacesOnTheWritingThreadAfterTheRowsReadBeforeIt() {
        List<Long> seen = new ArrayList<>();
        BackupFormatException corrupt = new BackupFormatException("k", "Part 'k' failed its SHA-256 check");
        assertThatThrownBy(() -> RowPipeline.run("test", rows(1000, corrupt), row -> seen.add((Long) row[0])))
                .isSameAs(corrupt);
        assertThat(seen.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWritingFailureStopsTheReaderInsteadOfLeavingItBlocked() {
        IllegalStateException full = new IllegalStateException("disk full");
        assertThatThrownBy(() -> RowPipeline.run("test", rows(1_000_000, null), row -> {
            if ((Long) row[0] == 10) {
                throw full;
            }
        })).isSameAs(full);
    }
}
