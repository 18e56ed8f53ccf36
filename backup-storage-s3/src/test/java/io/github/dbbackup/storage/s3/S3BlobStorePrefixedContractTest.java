package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The BlobStore contract against S3Proxy, through a host-provided client with the SDK's AWS
 * defaults (not S3-compatible mode: puts and parts carry SHA-256 checksums), all tests sharing one
 * bucket, each under its own prefix, next to foreign objects that share the prefix's first
 * characters and must never show.
 */
@ExtendWith(S3ProxyExtension.class)
class S3BlobStorePrefixedContractTest extends BlobStoreContract {

    private final S3ProxyServer server;
    private final S3Client client;
    private final String bucket;
    private String prefix;

    S3BlobStorePrefixedContractTest(S3ProxyServer server) {
        this.server = server;
        this.client = server.newClient(false);
        this.bucket = server.createBucket();
    }

    @Override
    protected BlobStore newStore() {
        prefix = "backups/p-" + UUID.randomUUID().toString().substring(0, 8);
        for (String foreign : new String[] {prefix + "-sibling/x", prefix, "backups/other", "top-level"}) {
            server.admin().putObject(b -> b.bucket(bucket).key(foreign), RequestBody.fromString(foreign));
        }
        return S3BlobStore.builder().client(client).bucket(bucket).prefix(prefix + "/")
                .partSize(S3BlobStore.MIN_PART_SIZE).uploadConcurrency(3).build();
    }

    @Override
    protected void assertNoTraceOfFailedPut(BlobStore store, String key) {
        assertThat(server.uploads(bucket)).extracting(u -> u.key()).noneMatch(k -> k.startsWith(prefix + "/"));
        assertThat(server.objectKeys(bucket)).filteredOn(k -> k.startsWith(prefix + "/")).containsExactlyElementsOf(
                store.list("").stream().map(b -> prefix + "/" + b.key()).toList());
    }

    @Override
    protected void closeStore(BlobStore store) {
        ((S3BlobStore) store).close();
        // the host's client stays usable
        assertThat(client.headObject(b -> b.bucket(bucket).key(prefix)).contentLength()).isPositive();
    }
}
