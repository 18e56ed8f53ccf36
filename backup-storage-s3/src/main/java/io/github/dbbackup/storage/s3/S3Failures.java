package io.github.dbbackup.storage.s3;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns what the SDK throws into one sentence that says what went wrong and what to check. Never
 * includes credentials: it reads only error codes, status codes, the server's error message and
 * the SDK's message, none of which carry the secret key.
 */
final class S3Failures {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AllAccessDisabled", "AccountProblem",
            "InvalidObjectState", "NotSignedUp", "InvalidPayer");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "InvalidToken", "TokenRefreshRequired");
    private static final Set<String> WRONG_REGION = Set.of("PermanentRedirect", "AuthorizationHeaderMalformed",
            "IllegalLocationConstraintException", "Redirect", "TemporaryRedirect");
    private static final Set<String> CORRUPTED = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
            "IncompleteBody");
    private static final Set<String> UNSUPPORTED = Set.of("NotImplemented", "InvalidRequest", "InvalidArgument",
            "UnsupportedOperation", "MissingContentLength", "InvalidChecksum");

    private S3Failures() {
    }

    /**
     * Explains a failure.
     *
     * @param failure what the SDK (or anything else) threw
     * @param bucket the bucket
     * @param server the endpoint as shown to people, e.g. {@code http://127.0.0.1:9000} or
     *     {@code AWS S3 (region eu-west-1)}
     * @param keyPrefix the store's key prefix including its trailing slash, empty for none
     * @return what went wrong and what to check, without a final period
     */
    static String explain(Throwable failure, String bucket, String server, String keyPrefix) {
        if (failure instanceof ChecksumMismatchException) {
            return failure.getMessage(); // found here, not by the SDK: the message says it all
        }
        if (failure instanceof AwsServiceException e) {
            return explainService(e, bucket, server, keyPrefix);
        }
        if (failure instanceof AbortedException) {
            return "the request was interrupted (" + oneLine(failure.getMessage()) + ")";
        }
        if (failure instanceof ApiCallTimeoutException) {
            return server + " did not answer in time (" + oneLine(failure.getMessage()) + "); check the network and"
                    + " the endpoint, then retry";
        }
        if (failure instanceof SdkClientException e) {
            return explainClient(e, server);
        }
        return summary(failure);
    }

    private static String explainService(AwsServiceException e, String bucket, String server, String keyPrefix) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String serverMessage = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        int status = e.statusCode();
        String what = "(" + status + (code.isEmpty() ? "" : " " + code)
                + (serverMessage.isEmpty() || serverMessage.equals(code) ? "" : ": " + oneLine(serverMessage)) + ")";
        if (code.equals("InvalidAccessKeyId")) {
            return server + " does not know the access key id " + what + "; check the credentials the store uses"
                    + " (those passed to credentials(…), or what the SDK's default chain found: the environment"
                    + " variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the AWS profile, the instance or container"
                    + " role) and that they were issued for this endpoint";
        }
        if (code.equals("SignatureDoesNotMatch")) {
            return server + " rejected the request signature " + what + ": the secret access key does not match the"
                    + " access key id; check the secret key the store uses (it is never shown), and the region and"
                    + " endpoint the requests are signed for";
        }
        if (EXPIRED.contains(code)) {
            return server + " rejected the session credentials " + what + "; refresh the temporary credentials (or"
                    + " use a credentials provider that refreshes them)";
        }
        if (code.equals("RequestTimeTooSkewed")) {
            return server + " rejected the request time " + what + "; synchronise this machine's clock (NTP)";
        }
        if (code.equals("NoSuchBucket")) {
            return "bucket '" + bucket + "' does not exist " + what + "; create it, or check the"
                    + " bucket name, the region and, for S3-compatible stores, the endpoint and path-style access";
        }
        if (WRONG_REGION.contains(code) || status == 301 || status == 307) {
            return "bucket '" + bucket + "' is not in the region the client uses " + what
                    + "; set region(…) to the bucket's region";
        }
        if (code.equals("KeyTooLongError")) {
            return server + " refused the object key as too long " + what + "; S3 keys are at most 1024 bytes,"
                    + " including the store's prefix '" + keyPrefix + "': use a shorter prefix";
        }
        if (code.startsWith("KMS.")) {
            return server + " could not use the KMS key " + what + "; check the key id, that the key is enabled,"
                    + " and that the credentials may use it (kms:GenerateDataKey, kms:Decrypt)";
        }
        if (DENIED.contains(code) || status == 403) {
            return server + " denied access to bucket '" + bucket + "' " + what + "; check that the credentials may"
                    + " s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, s3:AbortMultipartUpload and"
                    + " s3:ListBucketMultipartUploads on the bucket and the prefix '" + keyPrefix + "' (bucket policy"
                    + " and IAM policy), and, with SSE-KMS, kms:GenerateDataKey and kms:Decrypt on the key";
        }
        if (CORRUPTED.contains(code)) {
            return server + " received other bytes than were sent " + what + " (the checksum did not match); the"
                    + " network or a proxy altered the request: retry";
        }
        if (code.equals("EntityTooSmall") || code.equals("EntityTooLarge") || code.equals("InvalidPart")
                || code.equals("InvalidPartOrder")) {
            return server + " refused the multipart upload " + what + "; check the store's part size (5 MiB to"
                    + " 5 GiB on S3; some S3-compatible stores have other limits)";
        }
        if (UNSUPPORTED.contains(code) || status == 501) {
            return server + " does not support what the request asked for " + what + "; for an S3-compatible store"
                    + " (MinIO, Cloudflare R2, Ceph, Backblaze B2, …) enable compatibleMode(true), and check the"
                    + " encryption and storage class options";
        }
        if (status == 404) {
            return server + " answered 'not found' " + what + "; check the bucket '" + bucket + "', the endpoint"
                    + " and path-style access";
        }
        if (status >= 500 || code.equals("SlowDown")) {
            return server + " failed " + what + " after the SDK's retries; retry later";
        }
        return server + " refused the request " + what;
    }

    private static String explainClient(SdkClientException e, String server) {
        String message = oneLine(e.getMessage());
        if (isNoCredentialsFound(e)) {
            return "no credentials were found (" + message + "); pass credentials(…) or a credentialsProvider(…),"
                    + " or provide them to the SDK's default chain (environment variables AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, an AWS profile, or an instance or container role)";
        }
        if (isNoRegionFound(e)) {
            return "no region was found (" + message + "); set region(…), or AWS_REGION";
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException) {
                return "could not connect to " + server + " (" + summary(cause) + "); check the endpoint URL, DNS,"
                        + " the network and any proxy, and that the server is running";
            }
            if (cause instanceof SocketTimeoutException) {
                return server + " did not answer in time (" + summary(cause) + "); check the network, then retry";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake with " + server + " failed (" + summary(cause) + "); check the endpoint's"
                        + " scheme (http or https) and certificate";
            }
        }
        return "the S3 client failed talking to " + server + " (" + message + ")";
    }

    /**
     * Whether the SDK found no credentials. Its credential provider chains throw a plain
     * {@link SdkClientException} for that ("Unable to load credentials from any of the providers
     * in the chain …"), with no subtype or error code: its message is the only signal.
     */
    static boolean isNoCredentialsFound(SdkClientException e) {
        return messageContains(e, "unable to load credentials");
    }

    /**
     * Whether the SDK found no region. Its region provider chain throws a plain
     * {@link SdkClientException} for that ("Unable to load region from any of the providers in the
     * chain …"), with no subtype or error code: its message is the only signal.
     */
    static boolean isNoRegionFound(SdkClientException e) {
        return messageContains(e, "unable to load region");
    }

    private static boolean messageContains(SdkClientException e, String text) {
        return oneLine(e.getMessage()).toLowerCase(Locale.ROOT).contains(text);
    }

    /** The exception's class and message on one line, e.g. {@code IOException: disk on fire}. */
    static String summary(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + oneLine(message));
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
