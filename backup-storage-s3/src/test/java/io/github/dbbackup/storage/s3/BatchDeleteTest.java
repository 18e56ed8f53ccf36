package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.github.dbbackup.core.BackupStorageException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/** Batching and the handling of partial failures, against a scripted client. */
class BatchDeleteTest {

    private static final S3Location LOCATION = new S3Location("acme-backups", "p", URI.create("http://minio:9000"),
            "us-east-1");

    private final ScriptedS3Client client = new ScriptedS3Client();

    @Test
    void sendsEveryBatchQuietlyUnderThePrefix() {
        new BatchDelete(client, LOCATION, 2).delete(List.of("set/a", "set/b", "set/c"));

        List<DeleteObjectsRequest> requests = client.requests(DeleteObjectsRequest.class);
        assertThat(requests).extracting(r -> r.delete().objects().stream().map(ObjectIdentifier::key).toList())
                .containsExactly(List.of("p/set/a", "p/set/b"), List.of("p/set/c"));
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.bucket()).isEqualTo("acme-backups");
            assertThat(r.delete().quiet()).isTrue();
        });
    }

    @Test
    void keepsSendingBatchesAfterPerKeyErrorsAndThrowsThemTogetherAtTheEnd() {
        List<List<S3Error>> answers = new ArrayList<>(List.of(
                List.of(error("p/set/b", "AccessDenied", "Access Denied")),
                List.of(error("p/set/c", "NoSuchKey", "gone already")),
                List.of(error("p/set/e", null, null))));
        client.deleteObjects = r -> DeleteObjectsResponse.builder().errors(answers.remove(0)).build();

        S3BatchDeleteException thrown = catchThrowableOfType(S3BatchDeleteException.class,
                () -> new BatchDelete(client, LOCATION, 2).delete(List.of("set/a", "set/b", "set/c", "set/d", "set/e")));

        assertThat(client.requests(DeleteObjectsRequest.class)).hasSize(3);
        assertThat(thrown).isNotNull();
        // a missing key is deleted all the same; an error without code or message is still a failure
        assertThat(thrown.failures()).containsExactly(
                entry("set/b", "AccessDenied: Access Denied"),
                entry("set/e", "error"));
        assertThat(thrown.key()).isEqualTo("set/b");
        assertThat(thrown).hasMessageStartingWith("Could not delete 2 of 5 blobs in s3://acme-backups/p at"
                + " http://minio:9000: 'set/b' (AccessDenied: Access Denied), 'set/e' (error).")
                .hasMessageContaining("The other blobs were deleted").hasMessageContaining("s3:DeleteObject");
    }

    @Test
    void aRequestThatFailsAsAWholeStopsTheDeleteNamingWhatEarlierBatchesDeleted() {
        SdkClientException cut = SdkClientException.create("connection reset (injected)");
        client.deleteObjects = r -> {
            if (client.requests(DeleteObjectsRequest.class).size() == 2) {
                throw cut;
            }
            return DeleteObjectsResponse.builder().errors(error("p/set/b", "AccessDenied", "Access Denied")).build();
        };

        Throwable thrown = catchThrowable(() -> new BatchDelete(client, LOCATION, 2)
                .delete(List.of("set/a", "set/b", "set/c", "set/d", "set/e")));

        assertThat(client.requests(DeleteObjectsRequest.class)).as("the third batch is not tried").hasSize(2);
        assertThat(thrown).isExactlyInstanceOf(BackupStorageException.class).hasCause(cut)
                .hasMessageContaining("delete 2 blobs ('set/c' to 'set/d'; 1 blobs of earlier batches were deleted)")
                .hasMessageContaining("s3://acme-backups/p at http://minio:9000")
                .hasMessageContaining("connection reset (injected)");
        assertThat(((BackupStorageException) thrown).key()).isEqualTo("set/c");
    }

    @Test
    void shortensTheMessageOfManyFailuresButKeepsEveryFailedKey() {
        List<String> keys = IntStream.range(0, 500).mapToObj(i -> String.format("set/part-%04d", i)).toList();
        client.deleteObjects = r -> DeleteObjectsResponse.builder().errors(r.delete().objects().stream()
                .map(id -> error(id.key(), "AccessDenied", "Access Denied")).toList()).build();

        S3BatchDeleteException thrown = catchThrowableOfType(S3BatchDeleteException.class,
                () -> new BatchDelete(client, LOCATION, 1000).delete(keys));

        assertThat(thrown.failures()).hasSize(500).containsOnlyKeys(keys);
        assertThat(thrown.getMessage()).hasSizeLessThan(2500).contains("Could not delete 500 of 500 blobs")
                .contains("'set/part-0000' (AccessDenied: Access Denied)").contains(", ….")
                .doesNotContain("set/part-0499");
    }

    @Test
    void reportsAFailedKeyOutsideThePrefixAsS3NamedIt() {
        client.deleteObjects = r -> DeleteObjectsResponse.builder()
                .errors(error("elsewhere/x", "InternalError", "try again")).build();

        S3BatchDeleteException thrown = catchThrowableOfType(S3BatchDeleteException.class,
                () -> new BatchDelete(client, LOCATION, 10).delete(List.of("set/a")));

        assertThat(thrown.failures()).containsOnlyKeys("elsewhere/x");
    }

    @Test
    void checksEveryKeyAndDropsRepeatsBeforeAnythingIsSent() {
        assertThat(BatchDelete.distinctValidKeys(List.of("set/b", "set/a", "set/b"))).containsExactly("set/b", "set/a");
        assertThatThrownBy(() -> BatchDelete.distinctValidKeys(List.of("set/a", "set/../x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set/../x");
    }

    private static S3Error error(String key, String code, String message) {
        return S3Error.builder().key(key).code(code).message(message).build();
    }
}
