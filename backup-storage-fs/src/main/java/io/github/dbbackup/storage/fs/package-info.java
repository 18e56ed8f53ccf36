/**
 * A {@link io.github.dbbackup.core.spi.BlobStore} on a local or network file system:
 * {@link io.github.dbbackup.storage.fs.FileSystemBlobStore}. Each blob is one file; puts go through
 * a temp file, {@code fsync} and an atomic rename.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation
 * says otherwise.
 */
package io.github.dbbackup.storage.fs;
