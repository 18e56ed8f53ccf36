package io.github.dbbackup.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupPrunerUploadSweepTest {

    /** A store with unfinished uploads (as S3 has), recording the sweeps asked for. */
    private static final class UploadingStore implements BlobStore {
        final InMemoryBlobStore blobs = new InMemoryBlobStore();
        final List<Duration> sweeps = new ArrayList<>();
        RuntimeException failure;

        @Override
        public void put(String key, BlobWriter writer) {
            blobs.put(key, writer);
        }

        @Override
        public InputStream open(String key) {
            return blobs.open(key);
        }

        @Override
        public List<BlobInfo> list(String prefix) {
            return blobs.list(prefix);
        }

        @Override
        public void delete(String key) {
            blobs.delete(key);
        }

        @Override
        public int sweepIncompleteUploads(Duration olderThan) {
            sweeps.add(olderThan);
            if (failure != null) {
                throw failure;
            }
            return 3;
        }
    }

    @Test
    void pruneAbortsUnfinishedUploadsOlderThanTheGracePeriod() {
        UploadingStore store = new UploadingStore();
        BackupPruner pruner = BackupPruner.builder().store(store).policy(RetentionPolicy.defaults())
                .incompleteGracePeriod(Duration.ofHours(6)).audit(AuditSink.noop()).build();
        PruneResult result = pruner.prune();
        assertThat(store.sweeps).containsExactly(Duration.ofHours(6));
        assertThat(result.failures()).isEmpty();

        pruner.plan();
        assertThat(store.sweeps).as("a dry run sweeps nothing").hasSize(1);
    }

    @Test
    void aFailingUploadSweepIsReportedNotThrown() {
        UploadingStore store = new UploadingStore();
        store.failure = new BackupStorageException("", "access denied (injected)", null);
        PruneResult result = BackupPruner.builder().store(store).policy(RetentionPolicy.defaults())
                .audit(AuditSink.noop()).build().prune();
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("unfinished uploads").contains("access denied"));
    }
}
