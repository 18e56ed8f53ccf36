package io.github.dbbackup.core;

import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.backup.BackupRunner;
import io.github.dbbackup.core.internal.store.BackupIds;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entry point: a configured backup that a host runs on its schedule. Immutable and
 * thread-safe; each {@link #backup()} call makes one new, complete set or throws.
 *
 * <pre>{@code
 * Backups backups = Backups.builder()
 *     .source(JdbcSource.of(dataSource))
 *     .store(FileSystemBlobStore.of(Path.of("/var/backups/app")))
 *     .plan(plan)
 *     .build();
 * BackupResult result = backups.backup();
 * }</pre>
 *
 * @since 0.1
 */
public final class Backups {

    /**
     * Default gzip level: 6, zlib's default and {@code pg_dump}'s. Other codecs have their own
     * default ({@link Codec#defaultLevel()}), which applies unless {@link Builder#compressionLevel}
     * sets one.
     */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    /** Default part size limit: 128 MiB of uncompressed JSON. */
    public static final long DEFAULT_MAX_PART_BYTES = 128L * 1024 * 1024;

    /** Default estimated rows from which parallel export cuts a table into key ranges: 100,000. */
    public static final long DEFAULT_SPLIT_MIN_ROWS = 100_000;

    /** The most connections one backup opens: 64. */
    public static final int MAX_PARALLELISM = 64;

    private final BackupSource source;
    private final BlobStore store;
    private final BackupPlan plan;
    private final AuditSink audit;
    private final Clock clock;
    private final Codec codec;
    private final long maxPartBytes;
    private final int compressionLevel;
    private final BackupIds ids;
    private final BackupRunner.Parallelism parallelism;
    private final Listeners listeners;

    private Backups(Builder b, int compressionLevel) {
        this.source = b.source;
        this.store = b.store;
        this.plan = b.plan;
        this.audit = b.audit;
        this.clock = b.clock;
        this.codec = b.codec;
        this.maxPartBytes = b.maxPartBytes;
        this.listeners = Listeners.of(b.listeners);
        this.compressionLevel = compressionLevel;
        this.ids = new BackupIds(b.clock);
        this.parallelism = b.parallelism == 1 ? BackupRunner.Parallelism.SERIAL
                : new BackupRunner.Parallelism(b.parallelism, b.allowInconsistent, b.splitMinRows);
    }

    /**
     * Starts a builder.
     *
     * @return a new single-use builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes one consistent backup of the source into the store: parts first, manifest last, then
     * {@code DATABASE_BACKUP_CREATED}. On failure nothing looks complete: the parts written so far
     * are removed, {@code DATABASE_BACKUP_FAILED} is recorded with the cause, and the exception is
     * thrown.
     *
     * @return the new set's id, per-table rows and bytes, every part's SHA-256, totals and duration
     * @throws SchemaMismatchException when the plan does not match the database (nothing written)
     * @throws BackupStorageException when the store fails
     * @throws BackupDatabaseException when the database fails
     * @throws BackupException for any other failure
     */
    public BackupResult backup() {
        return new BackupRunner(source, store, plan, audit, clock, codec, maxPartBytes, compressionLevel, ids,
                parallelism, listeners).run();
    }

    /**
     * Returns the store this backup writes to.
     *
     * @return the store
     */
    public BlobStore store() {
        return store;
    }

    /**
     * Returns the plan.
     *
     * @return the plan
     */
    public BackupPlan plan() {
        return plan;
    }

    /**
     * Builds {@link Backups}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private BackupSource source;
        private BlobStore store;
        private BackupPlan plan;
        private AuditSink audit = AuditSink.slf4j();
        private Clock clock = Clock.systemUTC();
        private Codec codec = Codecs.GZIP;
        private long maxPartBytes = DEFAULT_MAX_PART_BYTES;
        private Integer compressionLevel; // null: the codec's default, resolved by build()
        private int parallelism = 1;
        private boolean allowInconsistent;
        private long splitMinRows = DEFAULT_SPLIT_MIN_ROWS;
        private final List<ProgressListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets where rows come from (required), e.g. {@code JdbcSource.of(dataSource)}.
         *
         * @param source the source
         * @return this builder
         */
        public Builder source(BackupSource source) {
            this.source = source;
            return this;
        }

        /**
         * Sets where sets are stored (required).
         *
         * @param store the store; the host keeps ownership
         * @return this builder
         */
        public Builder store(BlobStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets what to back up (required).
         *
         * @param plan the plan
         * @return this builder
         */
        public Builder plan(BackupPlan plan) {
            this.plan = plan;
            return this;
        }

        /**
         * Sets where audit events go (default {@link AuditSink#slf4j()}).
         *
         * @param audit the sink; combine several with {@link AuditSink#all}
         * @return this builder
         */
        public Builder audit(AuditSink audit) {
            this.audit = audit;
            return this;
        }

        /**
         * Sets the clock that stamps ids, manifests and events (default UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets the part compression (default {@link Codecs#GZIP}). {@link Codecs#NONE} is built in too;
         * zstd comes with {@code io.github.dbbackup:backup-codec-zstd}
         * ({@code .codec(Codecs.byId("zstd"))}).
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        /**
         * Sets the compression level, from the codec's {@link Codec#minLevel()} (fastest) to its
         * {@link Codec#maxLevel()} (smallest); default {@link Codec#defaultLevel()}. gzip: 1 to 9,
         * default 6, as zlib and {@code pg_dump}; zstd: 1 to 19, default 3. Readers do not care: the
         * level is not part of the format. Checked against the codec by {@link #build()}.
         *
         * @param level the level
         * @return this builder
         */
        public Builder compressionLevel(int level) {
            this.compressionLevel = level;
            return this;
        }

        /**
         * Sets the size, in uncompressed JSON bytes, after which a table's part is closed and the
         * next begun (default 128 MiB; at least 1 KiB). A part always holds at least one row.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxPartBytes(long bytes) {
            this.maxPartBytes = bytes;
            return this;
        }

        /**
         * Sets how many connections export at once (default 1). With more than one, the largest
         * tables go first, and a table of 100,000 rows or more (see {@link #splitTablesFrom(long)})
         * whose primary key is one integer
         * column is read as one key range per connection, so that a single big table keeps every
         * connection busy. All connections share the first one's snapshot (PostgreSQL), so the set is
         * still one point in time; a database that cannot share a snapshot (MariaDB, MySQL, H2) is
         * refused unless {@link #allowInconsistentParallelExport(boolean)} says otherwise. Rows of a
         * split table are in key order within each part, but its parts are numbered in the order
         * they were begun.
         *
         * @param connections the number of connections, 1 to 64
         * @return this builder
         * @since 0.2
         */
        public Builder parallelism(int connections) {
            this.parallelism = connections;
            return this;
        }

        /**
         * Sets the estimated row count from which parallel export reads a table as one key range per
         * connection (default 100,000). Estimates come from the database's statistics; a table
         * without statistics is measured by the width of its key span. No effect with one connection.
         *
         * @param rows the threshold, at least 1
         * @return this builder
         * @since 0.2
         */
        public Builder splitTablesFrom(long rows) {
            this.splitMinRows = rows;
            return this;
        }

        /**
         * Accepts, for parallel export from a database that cannot share one snapshot between
         * connections, that each connection reads its own snapshot: tables (and ranges of one table)
         * may then come from different points in time, and a foreign key may point at a row the set
         * does not hold. The manifest records {@code "consistent": false}. Default {@code false}:
         * such an export is refused. Has no effect on PostgreSQL, which shares its snapshot.
         *
         * @param allow whether to accept an inconsistent set
         * @return this builder
         * @since 0.2
         */
        public Builder allowInconsistentParallelExport(boolean allow) {
            this.allowInconsistent = allow;
            return this;
        }

        /**
         * Adds a listener that hears this backup's progress (may be called several times; listeners are
         * called in order). A listener that throws is logged and never fails the backup.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ProgressListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates and builds, reporting every problem at once.
         *
         * @return the configured backup
         * @throws BackupConfigurationException naming each missing or invalid property
         */
        public Backups build() {
            List<String> problems = new ArrayList<>();
            if (source == null) {
                problems.add("source is missing; pass e.g. .source(JdbcSource.of(dataSource))");
            }
            if (store == null) {
                problems.add("store is missing; pass e.g. .store(FileSystemBlobStore.of(Path.of(\"backups\")))");
            }
            if (plan == null) {
                problems.add("plan is missing; pass e.g. .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))");
            }
            if (audit == null) {
                problems.add("audit was null; pass AuditSink.noop() to record nothing");
            }
            if (clock == null) {
                problems.add("clock was null; omit it for the UTC system clock");
            }
            if (codec == null) {
                problems.add("codec was null; omit it for gzip");
            }
            // resolved here, never written back: a later build() with another codec gets that codec's default
            int level = compressionLevel != null ? compressionLevel : codec != null ? codec.defaultLevel() : 0;
            if (codec != null && compressionLevel == null) {
                // the codec's default is always valid
            } else if (codec != null && (compressionLevel < codec.minLevel() || compressionLevel > codec.maxLevel())) {
                problems.add(codec.minLevel() == codec.maxLevel()
                        ? "compressionLevel was " + compressionLevel + " but codec " + codec.id() + " has only level "
                                + codec.minLevel() + "; omit compressionLevel"
                        : "compressionLevel was " + compressionLevel + " but it must be between " + codec.minLevel()
                                + " (fastest) and " + codec.maxLevel() + " (smallest) for codec " + codec.id());
            }
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                problems.add("parallelism was " + parallelism + " but it must be between 1 and " + MAX_PARALLELISM);
            }
            if (splitMinRows < 1) {
                problems.add("splitTablesFrom was " + splitMinRows + " but it must be at least 1");
            }
            if (maxPartBytes < 1024) {
                problems.add("maxPartBytes was " + maxPartBytes + " but it must be at least 1024");
            }
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid backup configuration", problems);
            }
            return new Backups(this, level);
        }
    }
}
