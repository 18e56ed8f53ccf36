package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.internal.format.PartWriter;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import io.github.dbbackup.core.spi.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Writes one part: rows of a slice, encoded, compressed (on a thread of its own) and hashed on their
 * way into the store, until the part reaches its size limit or the rows end. Returns what the
 * manifest records of it. Thread-safe: workers write their parts concurrently.
 */
final class PartExporter {
    private final BlobStore store;
    private final Codec codec;
    private final int compressionLevel;
    private final long maxPartBytes;
    private final FirstFailure failure;

    /**
     * Creates the exporter of one backup.
     *
     * @param store where parts go
     * @param codec how parts are compressed
     * @param compressionLevel the codec's level
     * @param maxPartBytes uncompressed JSON bytes after which a part is closed
     * @param failure the export's first failure: a part stops at its next row once it is set
     */
    PartExporter(BlobStore store, Codec codec, int compressionLevel, long maxPartBytes, FirstFailure failure) {
        this.store = store;
        this.codec = codec;
        this.compressionLevel = compressionLevel;
        this.maxPartBytes = maxPartBytes;
        this.failure = failure;
    }

    /**
     * Returns the key of a part: {@code <id>/<position>-<table>-<index><ext>}, the table name reduced
     * to key-safe characters (the manifest maps keys to exact table names).
     *
     * @param id the backup id
     * @param position the table's position in restore order
     * @param table the table name
     * @param index the part index
     * @return the key
     */
    String keyOf(String id, int position, String table, int index) {
        String safe = table.replaceAll("[^A-Za-z0-9_-]", "_");
        if (safe.length() > 64) {
            safe = safe.substring(0, 64);
        }
        // Locale.ROOT: under an Arabic or Thai default locale %d would print non-ASCII digits.
        return String.format(Locale.ROOT, "%s/%04d-%s-%04d%s", id, position, safe, index, codec.extension());
    }

    /**
     * Writes the part {@code key} from the current row of {@code rows} on, until the part is full or
     * the rows end ({@link SliceRows#hasRow()} then says whether another part must follow). Without a
     * current row the part holds no rows.
     *
     * @param key the part's key
     * @param schema the table
     * @param index the part's index within the table
     * @param rows the slice's rows
     * @return the part as the manifest records it
     * @throws BackupException the source's failure when reading a row failed, else the store's
     * @throws FirstFailure.Stopped when another worker failed (inside the store's exception)
     */
    PartInfo write(String key, TableSchema schema, int index, SliceRows rows) {
        PartWrite write = new PartWrite(key, schema, index, rows);
        try {
            store.put(key, write);
        } catch (BackupStorageException e) {
            // the store reports a failing writer as a storage failure; report what really failed
            if (write.sourceFailure != null) {
                throw write.sourceFailure;
            }
            throw e;
        }
        return new PartInfo(key, schema.name(), index, write.rows, write.hashing.count(), write.hashing.sha256Hex());
    }

    private OutputStream compress(HashingOutputStream out, String key) {
        if (codec == Codecs.NONE) {
            return out;
        }
        // Compression is half the work of a backup: it runs on its own thread, beside reading and encoding.
        return new PipelinedOutputStream(() -> codec.compress(out, compressionLevel),
                "dbbackup-" + codec.id() + " " + key);
    }

    /** One put of one part; keeps what the store's callback learned for the result. */
    private final class PartWrite implements BlobWriter {
        private final String key;
        private final TableSchema schema;
        private final int index;
        private final SliceRows source;
        private HashingOutputStream hashing;
        private long rows;
        private BackupException sourceFailure;

        PartWrite(String key, TableSchema schema, int index, SliceRows source) {
            this.key = key;
            this.schema = schema;
            this.index = index;
            this.source = source;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            hashing = new HashingOutputStream(out);
            OutputStream compressed = compress(hashing, key);
            boolean finished = false;
            try {
                PartWriter writer = PartWriter.start(compressed, Manifest.CURRENT_FORMAT_VERSION, schema.name(), index,
                        schema.columns());
                try {
                    while (source.hasRow() && (writer.rows() == 0 || writer.uncompressedBytes() < maxPartBytes)) {
                        failure.stopIfFailed();
                        writer.writeRow(source.current());
                        source.advance();
                    }
                } catch (BackupException e) {
                    sourceFailure = e; // the cursor or a value failed, not the store
                    throw e;
                }
                writer.finish();
                compressed.close();
                finished = true;
                rows = writer.rows();
            } finally {
                if (!finished && compressed instanceof PipelinedOutputStream pipeline) {
                    pipeline.abort();
                }
            }
        }
    }
}
