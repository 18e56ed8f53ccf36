package io.github.dbbackup.storage.s3;

import static io.github.dbbackup.storage.s3.S3BlobStore.DEFAULT_PART_SIZE;
import static io.github.dbbackup.storage.s3.S3BlobStore.DEFAULT_UPLOAD_CONCURRENCY;
import static io.github.dbbackup.storage.s3.S3BlobStore.MAX_KEYS_PER_DELETE;
import static io.github.dbbackup.storage.s3.S3BlobStore.MAX_PART_SIZE;
import static io.github.dbbackup.storage.s3.S3BlobStore.MAX_UPLOAD_CONCURRENCY;
import static io.github.dbbackup.storage.s3.S3BlobStore.MIN_PART_SIZE;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * What an {@link S3BlobStore.Builder} was told, with the defaults, and the rules it must follow.
 * Mutable: the builder fills it, {@link #problems()} checks it, and the store and
 * {@link S3ClientFactory} copy what they need when the store is built. Holds the secret access key
 * when one was given, so it is never printed: it has no {@code toString()} of its own.
 */
final class S3Config {

    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");

    S3Client client;
    String bucket;
    String prefix = "";
    String region;
    URI endpointOverride;
    Boolean pathStyleAccess;
    String accessKeyId;
    String secretAccessKey;
    AwsCredentialsProvider credentialsProvider;
    boolean compatibleMode;
    ServerSideEncryption encryption;
    String kmsKeyId;
    boolean kmsKeyIdSet;
    String storageClass;
    long partSize = DEFAULT_PART_SIZE;
    int uploadConcurrency = DEFAULT_UPLOAD_CONCURRENCY;
    int listPageSize = 1000;
    int deleteBatchSize = MAX_KEYS_PER_DELETE;
    Clock clock = Clock.systemUTC();

    /** The prefix without a trailing slash. */
    String normalizedPrefix() {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** What a put needs to know, copied. */
    PutOptions putOptions() {
        return new PutOptions(compatibleMode, encryption, kmsKeyId, storageClass, partSize, uploadConcurrency);
    }

    /**
     * Every rule the configuration breaks, each naming the property, its value and the rule.
     *
     * @return the problems, empty when the configuration is valid
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (bucket == null) {
            problems.add("bucket was not set but it is required: call bucket(\"my-backups\")");
        } else if (!BUCKET.matcher(bucket).matches()) {
            problems.add("bucket was '" + bucket + "' but it must be 2 to 255 characters of A-Z, a-z, 0-9, '.',"
                    + " '_' and '-', starting with a letter or digit (S3 itself allows 3 to 63 of a-z, 0-9, '.'"
                    + " and '-')");
        }
        String normalized = normalizedPrefix();
        if (!normalized.isEmpty() && !S3Location.isValidKey(normalized)) {
            problems.add("prefix was '" + prefix + "' but it must be empty or '/'-separated segments of"
                    + " [A-Za-z0-9._-] with no empty, '.' or '..' segment, e.g. 'backups/qa-app'");
        }
        if (client != null) {
            List<String> clientSettings = new ArrayList<>();
            if (region != null) {
                clientSettings.add("region");
            }
            if (endpointOverride != null) {
                clientSettings.add("endpointOverride");
            }
            if (pathStyleAccess != null) {
                clientSettings.add("pathStyleAccess");
            }
            if (accessKeyId != null) {
                clientSettings.add("credentials");
            }
            if (credentialsProvider != null) {
                clientSettings.add("credentialsProvider");
            }
            if (!clientSettings.isEmpty()) {
                problems.add(String.join(", ", clientSettings) + " were set together with a host client but"
                        + " they configure a client the store builds: configure the host's S3Client instead,"
                        + " or drop client(…)");
            }
        }
        if (accessKeyId != null && credentialsProvider != null) {
            problems.add("credentials and credentialsProvider were both set but only one may be: keep one");
        }
        if (accessKeyId != null && (accessKeyId.isBlank() || secretAccessKey.isEmpty())) {
            problems.add("credentials had an empty access key id or secret access key but both are required");
        }
        if (region != null && (region.isBlank() || !region.matches("[A-Za-z0-9-]+"))) {
            problems.add("region was '" + region + "' but it must be a region id such as 'eu-central-1' (or"
                    + " 'auto' for Cloudflare R2)");
        }
        if (endpointOverride != null) {
            addEndpointProblems(problems);
        }
        if (kmsKeyIdSet && kmsKeyId.isBlank()) {
            problems.add("sseKms key id was blank but it must name a KMS key: call sseKms() for the"
                    + " AWS-managed key");
        }
        if (storageClass != null && (storageClass.isBlank() || !storageClass.matches("[A-Z0-9_]+"))) {
            problems.add("storageClass was '" + storageClass + "' but it must be a storage class as S3 names"
                    + " it, e.g. 'STANDARD_IA'");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            problems.add("partSize was " + partSize + " but it must be between " + MIN_PART_SIZE + " (5 MiB)"
                    + " and " + MAX_PART_SIZE + " (1 GiB) bytes");
        }
        if (uploadConcurrency < 1 || uploadConcurrency > MAX_UPLOAD_CONCURRENCY) {
            problems.add("uploadConcurrency was " + uploadConcurrency + " but it must be between 1 and "
                    + MAX_UPLOAD_CONCURRENCY);
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            problems.add("listPageSize was " + listPageSize + " but it must be between 1 and 1000");
        }
        if (deleteBatchSize < 1 || deleteBatchSize > MAX_KEYS_PER_DELETE) {
            problems.add("deleteBatchSize was " + deleteBatchSize + " but it must be between 1 and "
                    + MAX_KEYS_PER_DELETE);
        }
        return problems;
    }

    private void addEndpointProblems(List<String> problems) {
        String scheme = endpointOverride.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || endpointOverride.getHost() == null) {
            problems.add("endpointOverride was '" + safeEndpoint(endpointOverride) + "' but it must be an"
                    + " absolute http or https URI with a host, e.g. 'http://minio:9000'");
        }
        if (endpointOverride.getRawUserInfo() != null) {
            problems.add("endpointOverride carried user info but credentials never belong in the endpoint:"
                    + " pass them with credentials(…) or credentialsProvider(…)");
        }
        if (endpointOverride.getRawQuery() != null || endpointOverride.getRawFragment() != null) {
            problems.add("endpointOverride was '" + safeEndpoint(endpointOverride) + "' but it must not"
                    + " have a query or fragment");
        }
    }

    /** The endpoint without user info, query and fragment, safe to show; {@code null} for {@code null}. */
    static URI safeEndpoint(URI endpoint) {
        if (endpoint == null) {
            return null;
        }
        try {
            return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(),
                    endpoint.getPath() == null || endpoint.getPath().isEmpty() ? null : endpoint.getPath(), null,
                    null);
        } catch (URISyntaxException e) {
            return URI.create("invalid-endpoint");
        }
    }
}
