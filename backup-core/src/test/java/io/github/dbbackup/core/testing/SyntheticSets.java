package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes backup sets whose ids and times a test controls, without a source: one table {@code t}
 * with one part whose bytes are not a real part document (enough for the catalog and the pruner,
 * not for a FULL verification), and the manifest written through {@link ManifestCodec}.
 */
public final class SyntheticSets {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final TableSchema TABLE = Schemas.tableWithId("t");

    private SyntheticSets() {
    }

    /**
     * Returns the id of a set started at {@code time}, with suffix {@code 000000}.
     *
     * @param time the start
     * @return the id
     */
    public static String id(Instant time) {
        return id(time, "000000");
    }

    public static String id(Instant time, String suffix) {
        return "backup-" + STAMP.format(time) + "-" + suffix;
    }

    public static String partKey(String id) {
        return id + "/0000-t-0000.json.gz";
    }

    /**
     * Writes a complete set created at {@code createdAt}.
     *
     * @param store the store
     * @param createdAt the set's time (id and manifest)
     * @return its id
     */
    public static String complete(BlobStore store, Instant createdAt) {
        return complete(store, createdAt, "000000");
    }

    public static String complete(BlobStore store, Instant createdAt, String suffix) {
        String id = id(createdAt, suffix);
        byte[] part = ("synthetic part of " + id).getBytes(StandardCharsets.UTF_8);
        store.put(partKey(id), out -> out.write(part));
        Manifest manifest = manifest(id, createdAt, new PartInfo(partKey(id), "t", 0, 3, part.length, sha256(part)));
        store.put(Manifest.keyOf(id), out -> ManifestCodec.write(manifest, out));
        return id;
    }

    /**
     * Writes the parts of a set but no manifest, as a failed or running backup leaves them.
     *
     * @param store the store
     * @param startedAt the time the id carries
     * @return its id
     */
    public static String incomplete(BlobStore store, Instant startedAt) {
        String id = id(startedAt, "zzzzzz");
        store.put(partKey(id), out -> out.write(new byte[100]));
        store.put(id + "/0001-u-0000.json.gz", out -> out.write(new byte[23]));
        return id;
    }

    public static Manifest manifest(String id, Instant createdAt, PartInfo part) {
        return new Manifest(Manifest.CURRENT_FORMAT_VERSION, id, createdAt, createdAt.plusSeconds(1),
                FakeBackupSource.DEFAULT_INFO, "gzip", true,
                List.of(new BackedUpTable(TABLE, List.of(), "", part.rows(), part.bytes())), List.of(), List.of("t"),
                List.of(part));
    }

    /** Writes {@code manifest} as the manifest of {@code id} (which may differ from its own id). */
    public static void writeManifest(BlobStore store, String id, Manifest manifest) {
        store.put(Manifest.keyOf(id), out -> ManifestCodec.write(manifest, out));
    }

    public static byte[] manifestBytes(Manifest manifest) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ManifestCodec.write(manifest, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
