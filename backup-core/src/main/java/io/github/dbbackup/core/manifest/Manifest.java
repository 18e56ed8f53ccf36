package io.github.dbbackup.core.manifest;

import io.github.dbbackup.core.plan.ExcludedTable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to verify and restore a backup set without the source database; written last,
 * so a set with a manifest is complete. Specified in docs/FORMAT.md.
 *
 * @param formatVersion the format version, {@code major.minor}
 * @param id the backup id; ids sort by creation time
 * @param createdAt when the backup started (the snapshot's time, to the clock's precision)
 * @param completedAt when the last part was written
 * @param source what was backed up, without credentials
 * @param codec the compression of the parts, a {@link io.github.dbbackup.core.spi.Codec#id()}: {@code gzip}, {@code none} or {@code zstd}
 * @param strict whether the plan was strict
 * @param tables the backed-up tables, in restore order
 * @param excludedTables the tables deliberately left out, with reason and post-restore action
 * @param restoreOrder table names in foreign-key order: referenced tables first
 * @param parts every part, grouped by table in restore order, then by index
 * @param consistent whether every table was read from one snapshot (one point in time); {@code false}
 *     only when a parallel export was explicitly allowed to read tables at different points in time
 *     (since 0.2, format 1.1; absent in older sets, which are all consistent)
 * @param warnings what the writer found suspicious but not wrong enough to fail the backup, e.g. a table
 *     that lost most of its rows since the previous set (since 0.3, format 1.2; empty when none and
 *     in older sets). Each names tables and counts, never row values
 * @since 0.1
 */
public record Manifest(
        String formatVersion,
        String id,
        Instant createdAt,
        Instant completedAt,
        SourceInfo source,
        String codec,
        boolean strict,
        List<BackedUpTable> tables,
        List<ExcludedTable> excludedTables,
        List<String> restoreOrder,
        List<PartInfo> parts,
        boolean consistent,
        List<String> warnings) {

    /**
     * The format version this library writes: 1.2, which added the manifest member {@code warnings}
     * (1.1 added codec {@code zstd}). Readers accept every 1.x (docs/FORMAT.md §1).
     */
    public static final String CURRENT_FORMAT_VERSION = "1.2";

    /** The name of the manifest blob inside a set. */
    public static final String FILE_NAME = "manifest.json";

    /**
     * A manifest of a set read from one snapshot.
     *
     * @param formatVersion the format version, {@code major.minor}
     * @param id the backup id
     * @param createdAt when the backup started
     * @param completedAt when the last part was written
     * @param source what was backed up
     * @param codec the compression of the parts
     * @param strict whether the plan was strict
     * @param tables the backed-up tables, in restore order
     * @param excludedTables the tables deliberately left out
     * @param restoreOrder table names in foreign-key order
     * @param parts every part
     */
    public Manifest(String formatVersion, String id, Instant createdAt, Instant completedAt, SourceInfo source,
            String codec, boolean strict, List<BackedUpTable> tables, List<ExcludedTable> excludedTables,
            List<String> restoreOrder, List<PartInfo> parts) {
        this(formatVersion, id, createdAt, completedAt, source, codec, strict, tables, excludedTables, restoreOrder,
                parts, true, List.of());
    }

    /**
     * A manifest without warnings.
     *
     * @param formatVersion the format version, {@code major.minor}
     * @param id the backup id
     * @param createdAt when the backup started
     * @param completedAt when the last part was written
     * @param source what was backed up
     * @param codec the compression of the parts
     * @param strict whether the plan was strict
     * @param tables the backed-up tables, in restore order
     * @param excludedTables the tables deliberately left out
     * @param restoreOrder table names in foreign-key order
     * @param parts every part
     * @param consistent whether every table was read from one snapshot
     */
    public Manifest(String formatVersion, String id, Instant createdAt, Instant completedAt, SourceInfo source,
            String codec, boolean strict, List<BackedUpTable> tables, List<ExcludedTable> excludedTables,
            List<String> restoreOrder, List<PartInfo> parts, boolean consistent) {
        this(formatVersion, id, createdAt, completedAt, source, codec, strict, tables, excludedTables, restoreOrder,
                parts, consistent, List.of());
    }

    /** Checks the components. */
    public Manifest {
        Objects.requireNonNull(formatVersion, "formatVersion");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(codec, "codec");
        tables = List.copyOf(tables);
        excludedTables = List.copyOf(excludedTables);
        restoreOrder = List.copyOf(restoreOrder);
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the key of the manifest of set {@code id}.
     *
     * @param id a backup id
     * @return {@code id + "/manifest.json"}
     */
    public static String keyOf(String id) {
        return id + "/" + FILE_NAME;
    }

    /**
     * Finds a backed-up table by exact name.
     *
     * @param name the table
     * @return the table, empty when the set does not hold it
     */
    public Optional<BackedUpTable> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Returns the parts of one table in index order.
     *
     * @param table the table
     * @return the parts, empty when the set does not hold the table
     */
    public List<PartInfo> partsOf(String table) {
        return parts.stream().filter(p -> p.table().equals(table)).toList();
    }

    /**
     * Returns the total number of rows.
     *
     * @return the sum over all tables
     * @throws ArithmeticException when the sum overflows (a manifest read from a store never does:
     *     its reader checks the sums)
     */
    public long totalRows() {
        return tables.stream().mapToLong(BackedUpTable::rows).reduce(0L, Math::addExact);
    }

    /**
     * Returns the total stored size of the parts.
     *
     * @return bytes
     * @throws ArithmeticException when the sum overflows (a manifest read from a store never does:
     *     its reader checks the sums)
     */
    public long totalBytes() {
        return parts.stream().mapToLong(PartInfo::bytes).reduce(0L, Math::addExact);
    }
}
