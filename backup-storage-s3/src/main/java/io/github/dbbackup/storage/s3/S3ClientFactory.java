package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupConfigurationException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Gives a store its S3 client: the host's, as it is, or one built here from a valid
 * {@link S3Config} on the SDK's Apache 5 HTTP client. Also finds out the endpoint and region that
 * messages name.
 */
final class S3ClientFactory {

    /**
     * The client a store talks through, and what it owns.
     *
     * @param client the S3 client
     * @param ownedHttpClient the HTTP client the store built and must close with {@code client},
     *     {@code null} when {@code client} is the host's
     * @param endpoint the endpoint safe to show, {@code null} for AWS's
     * @param region the region, {@code null} when unknown
     */
    record StoreClient(S3Client client, SdkHttpClient ownedHttpClient, URI endpoint, String region) {

        boolean isOwned() {
            return ownedHttpClient != null;
        }

        /** Closes the client and its HTTP client when the store built them; leaves the host's open. */
        void close() {
            if (isOwned()) {
                try {
                    client.close();
                } finally {
                    ownedHttpClient.close();
                }
            }
        }
    }

    private S3ClientFactory() {
    }

    /**
     * The host's client when the configuration has one, else a new client.
     *
     * @param config a configuration without {@linkplain S3Config#problems() problems}
     * @return the client and what the store owns
     * @throws BackupConfigurationException when the SDK cannot build the client (no region found)
     */
    static StoreClient connect(S3Config config) {
        return config.client != null ? host(config.client) : build(config);
    }

    private static StoreClient host(S3Client client) {
        URI endpoint = null;
        String region = null;
        try {
            endpoint = client.serviceClientConfiguration().endpointOverride().orElse(null);
            Region r = client.serviceClientConfiguration().region();
            region = r == null ? null : r.id();
        } catch (RuntimeException e) {
            // a client that does not say (a test double): messages name less
        }
        return new StoreClient(client, null, S3Config.safeEndpoint(endpoint), region);
    }

    private static StoreClient build(S3Config config) {
        SdkHttpClient http = Apache5HttpClient.builder().maxConnections(Math.max(50, 2 * config.uploadConcurrency))
                .build();
        try {
            S3ClientBuilder builder = S3Client.builder().httpClient(http);
            String region = config.region;
            if (config.endpointOverride != null) {
                builder.endpointOverride(config.endpointOverride);
                if (region == null) {
                    region = Region.US_EAST_1.id();
                }
            }
            if (region != null) {
                builder.region(Region.of(region));
            }
            if (config.pathStyleAccess != null) {
                builder.forcePathStyle(config.pathStyleAccess);
            }
            if (config.credentialsProvider != null) {
                builder.credentialsProvider(config.credentialsProvider);
            } else if (config.accessKeyId != null) {
                builder.credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId, config.secretAccessKey)));
            }
            if (config.compatibleMode) {
                builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .addPlugin(LegacyMd5Plugin.create());
            }
            S3Client client;
            try {
                client = builder.build();
            } catch (SdkException e) {
                throw new BackupConfigurationException("Cannot build the S3 client for bucket '" + config.bucket
                        + "': " + S3Failures.explain(e, config.bucket, config.endpointOverride == null ? "AWS S3"
                                : S3Config.safeEndpoint(config.endpointOverride).toString(), "") + ".");
            }
            if (region == null) {
                try {
                    Region r = client.serviceClientConfiguration().region();
                    region = r == null ? null : r.id();
                } catch (RuntimeException e) {
                    // only for messages
                }
            }
            return new StoreClient(client, http, S3Config.safeEndpoint(config.endpointOverride), region);
        } catch (RuntimeException | Error e) {
            http.close();
            throw e;
        }
    }
}
