package io.github.dbbackup.storage.s3;

import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * How a store writes objects: checksums (SHA-256, or {@code Content-MD5} in S3-compatible mode),
 * encryption, storage class, part size and upload concurrency.
 *
 * @param compatibleMode whether requests carry {@code Content-MD5} instead of SHA-256 checksums
 * @param encryption the server-side encryption to ask for, {@code null} for the bucket's default
 * @param kmsKeyId the KMS key of SSE-KMS, {@code null} for the AWS-managed key or without SSE-KMS
 * @param storageClass the storage class of new objects, {@code null} for the bucket's
 * @param partSize the size of each part, which is also the largest blob sent in one request
 * @param uploadConcurrency how many parts one put uploads at the same time
 */
record PutOptions(boolean compatibleMode, ServerSideEncryption encryption, String kmsKeyId, String storageClass,
        long partSize, int uploadConcurrency) {

    /** The content type of every object. */
    static final String CONTENT_TYPE = "application/octet-stream";

    /** The digest each request carries: {@code MD5} in S3-compatible mode, else {@code SHA-256}. */
    String digestAlgorithm() {
        return compatibleMode ? "MD5" : "SHA-256";
    }

    /**
     * Adds encryption and storage class to a request that creates an object; the two request
     * builders that do ({@code PutObject}, {@code CreateMultipartUpload}) share no interface.
     */
    void applyTo(Consumer<ServerSideEncryption> encryptionHeader, Consumer<String> kmsKeyIdHeader,
            Consumer<String> storageClassHeader) {
        if (encryption != null) {
            encryptionHeader.accept(encryption);
            if (kmsKeyId != null) {
                kmsKeyIdHeader.accept(kmsKeyId);
            }
        }
        if (storageClass != null) {
            storageClassHeader.accept(storageClass);
        }
    }

    void applyTo(PutObjectRequest.Builder request) {
        applyTo(request::serverSideEncryption, request::ssekmsKeyId, request::storageClass);
    }

    void applyTo(CreateMultipartUploadRequest.Builder request) {
        applyTo(request::serverSideEncryption, request::ssekmsKeyId, request::storageClass);
    }
}
