package io.github.dbbackup.core;

import io.github.dbbackup.core.internal.codec.CodecRegistry;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.format.PartReader;
import io.github.dbbackup.core.internal.format.PartStreams;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads one complete backup set: its manifest, and the rows of each table streamed part by part
 * with every part's size and SHA-256 checked and its JSON structure and row count validated.
 * Memory is one row at a time. Thread-safe; each {@link #forEachRow} call opens its own streams.
 *
 * <pre>{@code
 * BackupReader set = BackupReader.open(store, "backup-20261129T030000Z-k3f9q2");
 * set.forEachRow("users", row -> System.out.println(row[0]));
 * }</pre>
 *
 * @since 0.1
 */
public final class BackupReader {

    private final BlobStore store;
    private final Manifest manifest;
    private final Codec codec;

    private BackupReader(BlobStore store, Manifest manifest) {
        this.store = store;
        this.manifest = manifest;
        try {
            this.codec = Codecs.byId(manifest.codec());
        } catch (IllegalArgumentException e) {
            throw new BackupFormatException(Manifest.keyOf(manifest.id()), CodecRegistry.unreadable(manifest.id(), manifest.codec(), e), e);
        }
    }

    /**
     * Opens a set by id: reads and validates its manifest.
     *
     * @param store the store
     * @param backupId the set's id
     * @return the reader
     * @throws BlobNotFoundException when the set has no manifest (it does not exist or is incomplete)
     * @throws BackupFormatException when the manifest is corrupt, foreign or of an unknown major version,
     *     or names a codec this process lacks (the message says which module provides it)
     */
    public static BackupReader open(BlobStore store, String backupId) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(backupId, "backupId");
        String key = Manifest.keyOf(backupId);
        try (InputStream in = store.open(key)) {
            return new BackupReader(store, ManifestCodec.read(in, key));
        } catch (BlobNotFoundException e) {
            throw new BlobNotFoundException(key, "Backup set '" + backupId + "' has no manifest in " + store.describe()
                    + ": it does not exist or is incomplete (its backup failed or is still running); list the"
                    + " complete sets and pick one of them");
        } catch (IOException e) {
            throw new BackupStorageException(key, "Reading manifest '" + key + "' from " + store.describe() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the set's manifest.
     *
     * @return the manifest
     */
    public Manifest manifest() {
        return manifest;
    }

    /**
     * Streams every row of one table to {@code consumer}, in backup order, verifying each part.
     * When a part turns out corrupt, the exception comes after the rows read before the damage were
     * delivered: a caller that must not act on a corrupt set verifies it first, or works in a
     * transaction it can roll back.
     *
     * @param table the table, exactly as the manifest names it
     * @param consumer receives each row's values, aligned with the table's columns in the manifest;
     *     the array is reused between calls
     * @return the number of rows delivered
     * @throws SchemaMismatchException when the set does not hold the table
     * @throws BackupFormatException when a part is corrupt, truncated or does not match the manifest
     * @throws BlobNotFoundException when a part is missing
     */
    public long forEachRow(String table, RowConsumer consumer) {
        BackedUpTable t = manifest.table(table).orElseThrow(() -> new SchemaMismatchException(table, "Backup set '"
                + manifest.id() + "' does not hold table '" + table + "'; it holds " + manifest.restoreOrder()));
        long total = 0;
        for (PartInfo part : manifest.partsOf(table)) {
            try (InputStream in = PartStreams.open(store, part, codec);
                    PartReader reader = new PartReader(in, part.key(), table, part.index(), t.schema().columns())) {
                long rows = 0;
                while (reader.next()) {
                    consumer.accept(reader.row());
                    rows++;
                }
                drain(in);
                if (rows != part.rows()) {
                    throw new BackupFormatException(part.key(), "Part '" + part.key() + "' holds " + rows
                            + " rows but the manifest records " + part.rows()
                            + "; the set is inconsistent: restore from another backup set");
                }
                total += rows;
            } catch (IOException e) {
                throw new BackupStorageException(part.key(), "Reading part '" + part.key() + "' from "
                        + store.describe() + " failed: " + e.getMessage(), e);
            }
        }
        return total;
    }

    /**
     * The message for a set whose codec this process lacks: the codec, and the fix (for zstd: add
     * {@code io.github.dbbackup:backup-codec-zstd}; otherwise the providing module, or an upgrade).
     */
    /** Reads to the end so that the size and checksum check at end of stream always runs. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // the JSON document ended; only the codec's end of data remains
        }
    }

    /**
     * Receives rows from {@link #forEachRow}.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface RowConsumer {

        /**
         * Receives one row.
         *
         * @param values the values, aligned with the table's columns; reused after the call returns
         */
        void accept(Object[] values);
    }
}
