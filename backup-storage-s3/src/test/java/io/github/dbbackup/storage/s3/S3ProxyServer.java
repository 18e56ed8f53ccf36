package io.github.dbbackup.storage.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server in this JVM: S3Proxy on 127.0.0.1 and a free port, backed by jclouds'
 * in-memory {@code transient} store, checking AWS Signature V4 with one fixed key pair, and
 * ignoring the x-amz headers it does not know (SSE, flexible checksums) as S3-compatible servers
 * do. Shared by all tests of a JVM through {@link S3ProxyExtension}; every test uses its own bucket
 * or prefix.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY_ID = "dbbackup-test-access-key";
    static final String SECRET_ACCESS_KEY = "dbbackup-test-secret-Zx9q";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final List<S3Client> clients = new ArrayList<>();
    private final S3Client admin;

    private S3ProxyServer(BlobStoreContext context, S3Proxy proxy, URI endpoint) {
        this.context = context;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.admin = newClient(true);
    }

    static S3ProxyServer start() throws Exception {
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
        return new S3ProxyServer(context, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client the server closes at the end; in compatible mode or with the SDK's AWS defaults. */
    S3Client newClient(boolean compatibleMode, ExecutionInterceptor... interceptors) {
        return newClient(compatibleMode, SECRET_ACCESS_KEY, interceptors);
    }

    S3Client newClient(boolean compatibleMode, String secret, ExecutionInterceptor... interceptors) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(Apache5HttpClient.builder().build())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, secret)))
                .overrideConfiguration(o -> {
                    o.retryStrategy(RetryMode.STANDARD);
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                });
        if (compatibleMode) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .addPlugin(LegacyMd5Plugin.create());
        }
        S3Client client = builder.build();
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A builder for a store that builds its own client for this server, in compatible mode. */
    S3BlobStore.Builder storeBuilder(String bucket) {
        return S3BlobStore.builder().bucket(bucket).endpointOverride(endpoint).pathStyleAccess(true)
                .credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY).compatibleMode(true);
    }

    /** Creates a new, empty bucket with a unique name. */
    String createBucket() {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 18);
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Every object key in the bucket, whatever wrote it. */
    List<String> objectKeys(String bucket) {
        List<String> keys = new ArrayList<>();
        admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach((S3Object o) -> keys.add(o.key()));
        return keys;
    }

    /** The multipart uploads in progress in the bucket. */
    List<MultipartUpload> uploads(String bucket) {
        return admin.listMultipartUploads(b -> b.bucket(bucket)).uploads();
    }

    /** The client the server's helpers use, in compatible mode. */
    S3Client admin() {
        return admin;
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(S3Client::close);
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop: " + e, e);
        } finally {
            context.close();
        }
    }
}
