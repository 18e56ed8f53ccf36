package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.format.PartReader;
import io.github.dbbackup.core.internal.format.PartStreams;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored backup set back the way a restore does (manifest, then every part with its
 * SHA-256 checked and its structure validated), for tests that compare a set with its source.
 */
public final class BackupSetReader {

    private BackupSetReader() {
    }

    /**
     * Reads and validates the manifest of set {@code id}.
     *
     * @param store the store
     * @param id the backup id
     * @return the manifest
     */
    public static Manifest manifest(BlobStore store, String id) {
        String key = Manifest.keyOf(id);
        try (InputStream in = store.open(key)) {
            return ManifestCodec.read(in, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads every row of one table, over all its parts in index order.
     *
     * @param store the store
     * @param manifest the set's manifest
     * @param table the table
     * @return the rows, each a map from column name to decoded value, in stored order
     */
    public static List<Map<String, Object>> rows(BlobStore store, Manifest manifest, String table) {
        BackedUpTable t = manifest.table(table)
                .orElseThrow(() -> new IllegalArgumentException("the set holds no table '" + table + "'"));
        List<String> names = t.schema().columnNames();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PartInfo part : manifest.partsOf(table)) {
            for (Object[] values : partRows(store, manifest, part)) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), values[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Reads the rows of one part.
     *
     * @param store the store
     * @param manifest the set's manifest
     * @param part the part
     * @return the rows, values aligned with the table's backed-up columns
     */
    public static List<Object[]> partRows(BlobStore store, Manifest manifest, PartInfo part) {
        BackedUpTable t = manifest.table(part.table()).orElseThrow();
        List<Object[]> rows = new ArrayList<>();
        try (InputStream in = PartStreams.open(store, part, Codecs.byId(manifest.codec()));
                PartReader reader = new PartReader(in, part.key(), part.table(), t.schema().columns())) {
            while (reader.next()) {
                rows.add(reader.row().clone());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * Returns a part's content decompressed (checksum checked), e.g. to search it for a value
     * that must not be there.
     *
     * @param store the store
     * @param manifest the set's manifest
     * @param part the part
     * @return the JSON bytes
     */
    public static byte[] decompressed(BlobStore store, Manifest manifest, PartInfo part) {
        try (InputStream in = PartStreams.open(store, part, Codecs.byId(manifest.codec()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
