package io.github.dbbackup.examples.cli;

import io.github.dbbackup.storage.s3.S3BlobStore;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A real S3 API server for the CLI's S3 tests: S3Proxy on 127.0.0.1 and a free port, backed by
 * jclouds' in-memory {@code transient} store, checking AWS Signature V4 with one fixed key pair and
 * ignoring the x-amz headers it does not know (the CLI talks to it in S3-compatible mode, as it does
 * to every {@code --s3-endpoint}). The CLI finds the key pair and region through the AWS SDK's
 * default chains: {@link #childEnv()} for a CLI process, {@link #useForThisJvm()} for an in-process run.
 */
final class CliS3Proxy implements AutoCloseable {

    static final String ACCESS_KEY_ID = "dbbackup-cli-test-key";
    static final String SECRET_ACCESS_KEY = "dbbackup-cli-test-secret-Qw7r";
    static final String REGION = "us-east-1";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client admin;
    private final List<S3BlobStore> stores = new ArrayList<>();

    private CliS3Proxy(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.admin = S3Client.builder().httpClient(Apache5HttpClient.builder().build()).endpointOverride(endpoint)
                .forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create()).build();
    }

    static CliS3Proxy start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(5);
        }
        return new CliS3Proxy(context, proxy);
    }

    /** The CLI's store options for {@code s3://bucket/prefix} on this server. */
    List<String> storeArgs(String bucket, String prefix) {
        return List.of("--store", "s3://" + bucket + "/" + prefix, "--s3-endpoint", endpoint.toString(),
                "--s3-path-style");
    }

    /** The environment a CLI process needs to reach this server. */
    static Map<String, String> childEnv() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY,
                "AWS_REGION", REGION);
    }

    /** Lets an in-process CLI run reach this server (the SDK's default chains read these system properties first). */
    static void useForThisJvm() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
        System.setProperty("aws.region", REGION);
    }

    static void forgetForThisJvm() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    /** A store on {@code bucket/prefix}, as the CLI opens it; closed with the server. */
    S3BlobStore store(String bucket, String prefix) {
        return store(bucket, prefix, Clock.systemUTC());
    }

    /** A store on {@code bucket/prefix} whose host clock (for aborting stale uploads) is {@code clock}. */
    S3BlobStore store(String bucket, String prefix, Clock clock) {
        S3BlobStore store = S3BlobStore.builder().bucket(bucket).prefix(prefix).endpointOverride(endpoint)
                .pathStyleAccess(true).credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY).compatibleMode(true)
                .clock(clock).build();
        synchronized (stores) {
            stores.add(store);
        }
        return store;
    }

    /** Creates a new, empty bucket with a unique name. */
    String createBucket() {
        String bucket = "cli-" + UUID.randomUUID().toString().substring(0, 18);
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Every object key in the bucket, whatever wrote it. */
    List<String> objectKeys(String bucket) {
        List<String> keys = new ArrayList<>();
        admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** The multipart uploads in progress in the bucket (S3Proxy lists them for the transient store). */
    List<MultipartUpload> uploads(String bucket) {
        return admin.listMultipartUploads(b -> b.bucket(bucket)).uploads();
    }

    S3Client admin() {
        return admin;
    }

    @Override
    public void close() throws Exception {
        synchronized (stores) {
            stores.forEach(S3BlobStore::close);
        }
        admin.close();
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
