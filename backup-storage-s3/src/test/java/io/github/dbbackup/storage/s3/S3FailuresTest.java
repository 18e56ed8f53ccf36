package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The explanations of failures S3Proxy cannot produce, built from what AWS S3 answers. */
class S3FailuresTest {

    @Test
    void explainsAccessDeniedWithThePermissionsToCheck() {
        String text = explain(s3(403, "AccessDenied",
                "User: arn:aws:iam::111122223333:user/backup is not authorized to perform: s3:PutObject"));

        assertThat(text).contains("denied access to bucket 'acme-backups'").contains("403 AccessDenied")
                .contains("not authorized to perform: s3:PutObject").contains("s3:AbortMultipartUpload")
                .contains("prefix 'qa-app/'").contains("kms:GenerateDataKey");
    }

    @Test
    void explainsABucketInAnotherRegion() {
        assertThat(explain(s3(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed"
                + " using the specified endpoint."))).contains("not in the region").contains("region(");
        assertThat(explain(s3(400, "AuthorizationHeaderMalformed", "the region 'us-east-1' is wrong; expecting"
                + " 'eu-central-1'"))).contains("set region(").contains("expecting 'eu-central-1'");
    }

    @Test
    void explainsExpiredSessionsAndClockSkew() {
        assertThat(explain(s3(400, "ExpiredToken", "The provided token has expired.")))
                .contains("refresh the temporary credentials");
        assertThat(explain(s3(403, "RequestTimeTooSkewed", "The difference between the request time and the"
                + " current time is too large."))).contains("clock");
    }

    @Test
    void explainsKmsKeyTooLongAndCorruption() {
        assertThat(explain(s3(400, "KMS.NotFoundException", "Invalid keyId alias/nope"))).contains("KMS key")
                .contains("alias/nope");
        assertThat(explain(s3(400, "KeyTooLongError", "Your key is too long"))).contains("1024 bytes")
                .contains("'qa-app/'");
        assertThat(explain(s3(400, "BadDigest", "The Content-MD5 you specified did not match what we received.")))
                .contains("other bytes than were sent").contains("retry");
    }

    @Test
    void suggestsCompatibleModeWhenAServerRejectsWhatTheSdkSends() {
        assertThat(explain(s3(501, "NotImplemented", "A header you provided implies functionality that is not"
                + " implemented"))).contains("compatibleMode(true)");
        assertThat(explain(s3(400, "InvalidArgument", "x-amz-checksum-crc32 is not supported")))
                .contains("compatibleMode(true)");
    }

    @Test
    void explainsServerErrorsAndUnknownAnswers() {
        assertThat(explain(s3(503, "SlowDown", "Please reduce your request rate."))).contains("retry later");
        assertThat(explain(s3(409, "OperationAborted", "A conflicting conditional operation is in progress.")))
                .contains("refused the request (409 OperationAborted");
    }

    @Test
    void explainsClientSideFailures() {
        assertThat(explain(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new UnknownHostException("minio.invalid")).build()))
                .contains("could not connect").contains("minio.invalid").contains("DNS");
        assertThat(explain(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new IOException(new ConnectException("Connection refused"))).build()))
                .contains("could not connect").contains("Connection refused");
        assertThat(explain(SdkClientException.create("Unable to load region from any of the providers")))
                .contains("set region(");
        assertThat(explain(new IllegalStateException("Connection pool shut down")))
                .isEqualTo("IllegalStateException: Connection pool shut down");
    }

    @Test
    void recognisesTheSdksMissingCredentialsAndRegionByTheirMessageOnly() {
        // the SDK's provider chains throw plain SdkClientExceptions: no subtype, no error code
        SdkClientException noCredentials = SdkClientException.create("Unable to load credentials from any of the"
                + " providers in the chain AwsCredentialsProviderChain(…)");
        SdkClientException noRegion = SdkClientException.create("Unable to load region from any of the providers in"
                + " the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1a2b3c");

        assertThat(S3Failures.isNoCredentialsFound(noCredentials)).isTrue();
        assertThat(S3Failures.isNoRegionFound(noRegion)).isTrue();
        assertThat(S3Failures.isNoCredentialsFound(noRegion)).isFalse();
        assertThat(S3Failures.isNoRegionFound(noCredentials)).isFalse();
        assertThat(S3Failures.isNoCredentialsFound(SdkClientException.create(null))).isFalse();
        assertThat(explain(noCredentials)).startsWith("no credentials were found").contains("AWS_ACCESS_KEY_ID");
    }

    @Test
    void explainsAChecksumMismatchByWhatWasFound() {
        ChecksumMismatchException mismatch = new ChecksumMismatchException("AAAA-2", "BBBB-2",
                "the object was deleted again");

        assertThat(explain(mismatch)).isEqualTo("S3 reports SHA-256 checksum AAAA-2 for the stored object, but the"
                + " bytes sent have BBBB-2; the object was deleted again");
    }

    private static String explain(Throwable failure) {
        return S3Failures.explain(failure, "acme-backups", "the server", "qa-app/");
    }

    private static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
