package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbbackup.core.BackupStorageException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The age rule and the failure handling of the sweep, against a scripted client and a fixed clock. */
class UploadSweeperTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final S3Location LOCATION = new S3Location("acme-backups", "backups", URI.create("http://minio:9000"),
            "us-east-1");

    private final ScriptedS3Client client = new ScriptedS3Client();
    private final UploadSweeper sweeper = new UploadSweeper(client, LOCATION, CLOCK);

    @Test
    void abortsUploadsStartedAtOrBeforeTheCutoffAndKeepsYoungerOnes() {
        Instant cutoff = NOW.minus(Duration.ofHours(24));
        answer(page(false, upload("backups/set-1/at-cutoff", cutoff),
                upload("backups/set-1/a-millisecond-younger", cutoff.plusMillis(1)),
                upload("backups/set-0/two-days-old", NOW.minus(Duration.ofDays(2))),
                upload("backups/set-2/started-now", NOW)));

        int aborted = sweeper.sweep(Duration.ofHours(24));

        assertThat(aborted).isEqualTo(2);
        assertThat(abortedKeys()).containsExactly("backups/set-1/at-cutoff", "backups/set-0/two-days-old");
        assertThat(client.requests(AbortMultipartUploadRequest.class)).allSatisfy(r -> {
            assertThat(r.bucket()).isEqualTo("acme-backups");
            assertThat(r.uploadId()).isEqualTo("id-" + r.key());
        });
    }

    @Test
    void neverAbortsUploadsOutsideThePrefixOrWithoutKeyOrStartTime() {
        Instant old = NOW.minus(Duration.ofDays(30));
        answer(page(false, upload("backups-other/set/x", old), upload("backups", old), upload(null, old),
                upload("backups/set/no-start-time", null), upload("backups/set/old", old)));

        int aborted = sweeper.sweep(Duration.ZERO);

        assertThat(aborted).isEqualTo(1);
        assertThat(abortedKeys()).containsExactly("backups/set/old");
        assertThat(client.requests(ListMultipartUploadsRequest.class).get(0).prefix()).isEqualTo("backups/");
    }

    @Test
    void aZeroGracePeriodAbortsEveryUploadStartedUpToNow() {
        assertThat(UploadSweeper.isStale(upload("k", NOW), "", NOW)).isTrue();
        assertThat(UploadSweeper.isStale(upload("k", NOW.plusNanos(1)), "", NOW)).isFalse();
    }

    @Test
    void sweepsTheWholeBucketWhenThePrefixIsEmpty() {
        UploadSweeper bucketWide = new UploadSweeper(client, new S3Location("acme-backups", "", null, "eu-west-1"),
                CLOCK);
        answer(page(false, upload("anything/at/all", NOW.minus(Duration.ofDays(2)))));

        assertThat(bucketWide.sweep(Duration.ofDays(1))).isEqualTo(1);
        assertThat(client.requests(ListMultipartUploadsRequest.class).get(0).prefix()).isNull();
    }

    @Test
    void followsThePagesOfTheUploadListing() {
        Instant old = NOW.minus(Duration.ofDays(2));
        client.listMultipartUploads = r -> r.keyMarker() == null
                ? page(true, upload("backups/a", old)).toBuilder().nextKeyMarker("backups/a")
                        .nextUploadIdMarker("id-backups/a").build()
                : page(false, upload("backups/b", old));

        assertThat(sweeper.sweep(Duration.ofDays(1))).isEqualTo(2);
        assertThat(client.requests(ListMultipartUploadsRequest.class)).extracting(ListMultipartUploadsRequest::keyMarker)
                .containsExactly(null, "backups/a");
    }

    @Test
    void countsAnUploadThatEndedMeanwhileAsNeitherAbortedNorFailed() {
        Instant old = NOW.minus(Duration.ofDays(2));
        answer(page(false, upload("backups/done-meanwhile", old), upload("backups/stale", old)));
        client.abortMultipartUpload = r -> {
            if (r.key().equals("backups/done-meanwhile")) {
                throw NoSuchUploadException.builder().statusCode(404).message("no such upload").build();
            }
            return AbortMultipartUploadResponse.builder().build();
        };

        assertThat(sweeper.sweep(Duration.ofDays(1))).isEqualTo(1);
    }

    @Test
    void abortsTheOthersWhenSomeCannotBeAbortedAndThenReportsAllOfThose() {
        Instant old = NOW.minus(Duration.ofDays(2));
        answer(page(false, upload("backups/locked-1", old), upload("backups/fine", old),
                upload("backups/locked-2", old)));
        client.abortMultipartUpload = r -> {
            if (r.key().startsWith("backups/locked")) {
                throw denied(r.key());
            }
            return AbortMultipartUploadResponse.builder().build();
        };

        BackupStorageException thrown = catchThrowableOfType(BackupStorageException.class,
                () -> sweeper.sweep(Duration.ofDays(1)));

        assertThat(abortedKeys()).containsExactly("backups/locked-1", "backups/fine", "backups/locked-2");
        assertThat(thrown).isNotNull();
        assertThat(thrown).hasMessageContaining("abort 2 stale multipart uploads (of keys [backups/locked-1,"
                + " backups/locked-2]; 1 others were aborted)").hasMessageContaining("s3://acme-backups/backups")
                .hasMessageContaining("403 AccessDenied");
        assertThat(((S3Exception) thrown.getCause()).getMessage()).contains("backups/locked-1");
        assertThat(thrown.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s).hasMessageContaining("backups/locked-2"));
    }

    @Test
    void aFailedListingAbortsNothing() {
        client.listMultipartUploads = r -> {
            throw denied("listing");
        };

        assertThatThrownBy(() -> sweeper.sweep(Duration.ofDays(1))).isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("list the incomplete multipart uploads");
        assertThat(client.requests(AbortMultipartUploadRequest.class)).isEmpty();
    }

    @Test
    void refusesANegativeGracePeriodBeforeAskingS3() {
        assertThatThrownBy(() -> sweeper.sweep(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("olderThan was 'PT-0.001S' but it must not be negative");
        assertThat(client.requests(ListMultipartUploadsRequest.class)).isEmpty();
    }

    private void answer(ListMultipartUploadsResponse page) {
        client.listMultipartUploads = r -> page;
    }

    private List<String> abortedKeys() {
        return client.requests(AbortMultipartUploadRequest.class).stream().map(AbortMultipartUploadRequest::key)
                .toList();
    }

    private static ListMultipartUploadsResponse page(boolean truncated, MultipartUpload... uploads) {
        return ListMultipartUploadsResponse.builder().isTruncated(truncated).uploads(uploads).build();
    }

    private static MultipartUpload upload(String key, Instant initiated) {
        return MultipartUpload.builder().key(key).uploadId("id-" + key).initiated(initiated).build();
    }

    private static S3Exception denied(String what) {
        return (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied to " + what)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
                        .errorMessage("Access Denied to " + what).build()).build();
    }
}
