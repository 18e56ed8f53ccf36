package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbbackup.core.BackupStorageException;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A checksum mismatch is told by its type, not by its message: the put's exception then never
 * claims that nothing was stored, and says what became of the object.
 */
class BlobUploadTest {

    private static final String WRONG = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    private final ScriptedS3Client client = new ScriptedS3Client();
    private final S3BlobStore store = S3BlobStore.of(client, "acme-backups", "p");

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aMismatchFailsThePutWithATypedCauseAndDeletesTheObjectAgain() {
        byte[] content = TestData.bytes(100, 1);
        client.putObject = r -> PutObjectResponse.builder().checksumSHA256(WRONG).build();

        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> store.put("set/manifest.json", out -> out.write(content)));

        assertThat(thrown.getCause()).isInstanceOfSatisfying(ChecksumMismatchException.class, mismatch -> {
            assertThat(mismatch.reported()).isEqualTo(WRONG);
            assertThat(mismatch.expected()).isEqualTo(TestData.base64("SHA-256", content, 0, content.length));
        });
        assertThat(client.requests(DeleteObjectRequest.class)).singleElement()
                .satisfies(d -> assertThat(d.key()).isEqualTo("p/set/manifest.json"));
        assertThat(thrown).hasMessageStartingWith("Could not store blob 'set/manifest.json' in s3://acme-backups/p"
                + " (AWS S3): S3 reports SHA-256 checksum " + WRONG).hasMessageContaining("deleted again")
                .hasMessageNotContaining("Nothing was stored");
    }

    @Test
    void aMismatchWhoseDeleteFailsTooSaysToDeleteTheBlobByHand() {
        client.putObject = r -> PutObjectResponse.builder().checksumSHA256(WRONG).build();
        client.deleteObject = r -> {
            throw (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();
        };

        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> store.put("set/manifest.json", out -> out.write(1)));

        assertThat(thrown.getCause()).isInstanceOf(ChecksumMismatchException.class);
        assertThat(thrown).hasMessageContaining("deleting the object failed too")
                .hasMessageContaining("delete blob 'set/manifest.json' by hand")
                .hasMessageNotContaining("Nothing was stored");
    }

    @Test
    void aWriterFailureWhoseMessageReadsLikeAMismatchIsAnOrdinaryFailure() {
        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> store.put("k", out -> {
                    throw new IOException("S3 reports SHA-256 checksum trouble, says the writer");
                }));

        assertThat(thrown).hasMessageContaining("the writer failed")
                .hasMessageContaining("Nothing was stored under that key");
        assertThat(client.requests(PutObjectRequest.class)).isEmpty();
        assertThat(client.requests(DeleteObjectRequest.class)).isEmpty();
    }

    @Test
    void aMatchingChecksumStoresTheBlobWithItsSha256() {
        byte[] content = TestData.bytes(100, 2);
        String sha256 = TestData.base64("SHA-256", content, 0, content.length);
        client.putObject = r -> PutObjectResponse.builder().checksumSHA256(r.checksumSHA256()).build();

        store.put("k", out -> out.write(content));

        assertThat(client.requests(PutObjectRequest.class)).singleElement()
                .satisfies(r -> assertThat(r.checksumSHA256()).isEqualTo(sha256));
        assertThat(client.requests(DeleteObjectRequest.class)).isEmpty();
    }
}
