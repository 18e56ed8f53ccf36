package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbbackup.core.BackupConfigurationException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** The builder's rules that need no server: single use, a copied configuration, the host client's settings. */
class S3BlobStoreBuilderTest {

    private final ScriptedS3Client client = new ScriptedS3Client();

    @Test
    void buildsOneStoreOnly() {
        S3BlobStore.Builder builder = S3BlobStore.builder().client(client).bucket("acme-backups");
        try (S3BlobStore store = builder.build()) {
            assertThat(store.bucket()).isEqualTo("acme-backups");
        }

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("S3BlobStore.Builder is single-use and has built its store already");
    }

    @Test
    void anInvalidConfigurationDoesNotUseTheBuilderUp() {
        S3BlobStore.Builder builder = S3BlobStore.builder().client(client);
        assertThatThrownBy(builder::build).isInstanceOf(BackupConfigurationException.class);

        try (S3BlobStore store = builder.bucket("acme-backups").build()) {
            assertThat(store.bucket()).isEqualTo("acme-backups");
        }
    }

    @Test
    void theStoreKeepsTheConfigurationItWasBuiltWith() {
        S3BlobStore.Builder builder = S3BlobStore.builder().client(client).bucket("acme-backups").prefix("qa-app/")
                .partSize(S3BlobStore.MIN_PART_SIZE).uploadConcurrency(3);
        try (S3BlobStore store = builder.build()) {
            builder.bucket("other").prefix("elsewhere").partSize(S3BlobStore.MAX_PART_SIZE).uploadConcurrency(9)
                    .compatibleMode(true);

            assertThat(store.describe()).isEqualTo("s3://acme-backups/qa-app");
            assertThat(store.partSize()).isEqualTo(S3BlobStore.MIN_PART_SIZE);
            assertThat(store.uploadConcurrency()).isEqualTo(3);
            assertThat(store.isCompatibleMode()).isFalse();
        }
    }

    @Test
    void namesEverySettingThatBelongsToTheHostsClient() {
        BackupConfigurationException thrown = catchThrowableOfType(BackupConfigurationException.class,
                () -> S3BlobStore.builder().client(client).bucket("acme-backups").region("eu-west-1")
                        .endpointOverride(URI.create("http://minio:9000")).pathStyleAccess(true)
                        .credentials("AKIDEXAMPLE", "secret-never-shown").credentialsProvider(
                                AnonymousCredentialsProvider.create()).build());

        assertThat(thrown.problems()).containsExactly("region, endpointOverride, pathStyleAccess, credentials,"
                + " credentialsProvider were set together with a host client but they configure a client the store"
                + " builds: configure the host's S3Client instead, or drop client(…)",
                "credentials and credentialsProvider were both set but only one may be: keep one");
        assertThat(thrown).hasMessageNotContaining("secret-never-shown");
    }

    @Test
    void showsEndpointsWithoutUserInfoQueryOrFragment() {
        assertThat(S3Config.safeEndpoint(URI.create("https://user:pass@r2.example:8443/base?token=x#f")))
                .hasToString("https://r2.example:8443/base");
        assertThat(S3Config.safeEndpoint(URI.create("http://minio:9000"))).hasToString("http://minio:9000");
        assertThat(S3Config.safeEndpoint(null)).isNull();
    }

    @Test
    void refusesABlankKmsKeyAndAStorageClassS3WouldNotKnow() {
        BackupConfigurationException thrown = catchThrowableOfType(BackupConfigurationException.class,
                () -> S3BlobStore.builder().client(client).bucket("acme-backups").sseKms(" ")
                        .storageClass("standard-ia").build());

        assertThat(thrown.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("sseKms key id was blank"))
                .anySatisfy(p -> assertThat(p).startsWith("storageClass was 'standard-ia'"));
    }
}
