package io.github.dbbackup.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RestorerTest {

    @Test
    void issue13_restoringLatestFromAStoreWithoutSetsIsAuditedAsAFailedRestore() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        Restorer restorer = Restorer.builder().store(store).target(() -> {
            throw new AssertionError("no target is opened when there is nothing to restore");
        }).audit(events::add).build();

        assertThatThrownBy(() -> restorer.restore(Restorer.LATEST)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("There is no complete backup set in " + store.describe());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.DATABASE_RESTORE_FAILED);
            assertThat(event.backupId()).isEqualTo(Restorer.LATEST);
            assertThat(event.details()).containsEntry("type", "BlobNotFoundException");
            assertThat((String) event.details().get("cause")).contains("There is no complete backup set");
        });
    }
}
