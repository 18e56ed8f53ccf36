package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobStoreContract;
import io.github.dbbackup.jdbc.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The BlobStore contract and the multipart paths against MinIO in a container. Runs only where a
 * Docker engine is available (an optional extra: the S3Proxy tests are the ones that always run).
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioBlobStoreIT extends BlobStoreContract {

    @Container
    static final MinIOContainer MINIO = new MinIOContainer(TestImages.MINIO);

    private static S3Client admin;
    private String bucket;

    @Override
    protected BlobStore newStore() {
        bucket = "b-" + UUID.randomUUID().toString().substring(0, 18);
        admin().createBucket(b -> b.bucket(bucket));
        return storeBuilder(bucket).build();
    }

    @Override
    protected void assertNoTraceOfFailedPut(BlobStore store, String key) {
        assertThat(admin().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Override
    protected void closeStore(BlobStore store) {
        ((S3BlobStore) store).close();
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void uploadsAndAbortsMultipartUploadsOnMinio() throws IOException {
        S3BlobStore multipart = (S3BlobStore) store;
        long size = 3L * S3BlobStore.MIN_PART_SIZE + 17;

        multipart.put("set/big", TestData.stream(size, 1));
        Throwable failed = catchThrowable(() -> multipart.put("set/failed", out -> {
            TestData.write(out, 2L * S3BlobStore.MIN_PART_SIZE + 1, 2);
            throw new IOException("writer broke");
        }));

        try (InputStream in = multipart.open("set/big")) {
            assertThat(TestData.sha256(in)).isEqualTo(TestData.sha256OfStream(size, 1));
        }
        assertThat(failed).isInstanceOf(BackupStorageException.class);
        assertThat(multipart.list("set/")).extracting(BlobInfo::key).containsExactly("set/big");
        assertThat(admin().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void storesWithSha256ChecksumsOutsideCompatibleMode() throws IOException {
        try (S3BlobStore aws = storeBuilder(bucket).compatibleMode(false).prefix("aws-mode").build()) {
            long size = S3BlobStore.MIN_PART_SIZE + 5;
            aws.put("small", out -> out.write(new byte[] {1, 2, 3}));
            aws.put("large", TestData.stream(size, 3));

            try (InputStream in = aws.open("large")) {
                assertThat(TestData.sha256(in)).isEqualTo(TestData.sha256OfStream(size, 3));
            }
            assertThat(aws.list("")).extracting(BlobInfo::key).containsExactly("large", "small");
        }
    }

    @Test
    void sweepsStaleUploadsOnMinio() {
        admin().createMultipartUpload(b -> b.bucket(bucket).key("set/abandoned"));
        try (S3BlobStore later = storeBuilder(bucket)
                .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC)).build()) {
            assertThat(later.sweepIncompleteUploads(Duration.ofDays(1))).isEqualTo(1);
        }
        assertThat(admin().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    private static S3BlobStore.Builder storeBuilder(String bucket) {
        return S3BlobStore.builder().bucket(bucket).endpointOverride(URI.create(MINIO.getS3URL()))
                .pathStyleAccess(true).credentials(MINIO.getUserName(), MINIO.getPassword()).compatibleMode(true)
                .partSize(S3BlobStore.MIN_PART_SIZE);
    }

    private static synchronized S3Client admin() {
        if (admin == null) {
            admin = S3Client.builder().httpClient(Apache5HttpClient.builder().build())
                    .endpointOverride(URI.create(MINIO.getS3URL())).forcePathStyle(true).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())))
                    .build();
        }
        return admin;
    }
}
