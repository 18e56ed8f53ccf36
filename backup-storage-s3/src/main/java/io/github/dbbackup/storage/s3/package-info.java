/**
 * A {@link io.github.dbbackup.core.spi.BlobStore} on Amazon S3 and S3-compatible stores (MinIO,
 * Cloudflare R2, Ceph, Backblaze B2, …): {@link io.github.dbbackup.storage.s3.S3BlobStore}, built
 * with {@link io.github.dbbackup.storage.s3.S3BlobStore#builder()} on the AWS SDK for Java v2.
 * Puts stream through a bounded buffer as one {@code PutObject} or a multipart upload that is
 * aborted on any failure.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation
 * says otherwise.
 */
package io.github.dbbackup.storage.s3;
