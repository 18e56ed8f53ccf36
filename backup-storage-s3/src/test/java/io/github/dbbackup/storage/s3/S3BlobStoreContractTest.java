package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The BlobStore contract against S3Proxy, through a store that builds its own client in
 * S3-compatible mode (Content-MD5, no flexible checksums), one fresh bucket per test and no prefix
 * (so that the contract's 1024-character key fits S3's 1024-byte limit). Parts are 5 MiB, so the
 * contract's 8 MiB blob goes through a multipart upload.
 */
@ExtendWith(S3ProxyExtension.class)
class S3BlobStoreContractTest extends BlobStoreContract {

    private final S3ProxyServer server;
    private String bucket;

    S3BlobStoreContractTest(S3ProxyServer server) {
        this.server = server;
    }

    @Override
    protected BlobStore newStore() {
        bucket = server.createBucket();
        return server.storeBuilder(bucket).partSize(S3BlobStore.MIN_PART_SIZE).build();
    }

    @Override
    protected void assertNoTraceOfFailedPut(BlobStore store, String key) {
        assertThat(server.uploads(bucket)).as("multipart uploads left in %s", bucket).isEmpty();
        // no stray objects (parts, stubs): the bucket holds exactly the blobs the store lists
        assertThat(server.objectKeys(bucket)).containsExactlyElementsOf(
                store.list("").stream().map(BlobInfo::key).toList());
    }

    @Override
    protected void closeStore(BlobStore store) {
        ((S3BlobStore) store).close();
    }
}
