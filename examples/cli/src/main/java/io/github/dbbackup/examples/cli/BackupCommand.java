package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.plan.TableSpec;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.jdbc.JdbcSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backup}: one consistent backup of a database into a store; the last line printed is the new id. */
@Command(name = "backup", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Back up a database into a store; prints the new backup id last.",
                "Without --plan, every base table of the schema is backed up (as pg_dump does), except those given"
                        + " with --exclude-table.",
                "The last line of standard output is the new backup id."})
final class BackupCommand extends CliCommand {

    /** The reason recorded for {@code --exclude-table NAME} given without one. */
    static final String DEFAULT_REASON = "excluded on the command line";

    @Mixin
    DatabaseOptions db;

    @Mixin
    StoreOptions store;

    @Option(names = "--schema", paramLabel = "NAME",
            description = "The schema to back up (MariaDB: the database). Default: the connection's.")
    String schema;

    @Option(names = "--codec", paramLabel = "gzip|zstd", defaultValue = "gzip",
            converter = Converters.CodecConverter.class,
            description = "How parts are compressed: gzip (default; zcat reads it) or zstd (less CPU, a little"
                    + " smaller; format 1.1, readers need backup-codec-zstd, which this jar bundles).")
    Codec codec;

    @Option(names = "--compression-level", paramLabel = "N",
            description = "The codec's level: gzip 1 (fastest) to 9 (smallest), default 6; zstd 1 to 19, default 3.")
    Integer compressionLevel;

    @Option(names = "--plan", paramLabel = "FILE", description = "A JSON plan file (see docs/PLAN-FILE.md).")
    Path plan;

    @Option(names = "--exclude-table", paramLabel = "NAME[=REASON]",
            description = "Leave a table out, recording why. Repeatable.")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = "--exclude-column", paramLabel = "TABLE.COLUMN",
            description = "Never select a column (it is restored as its default). Repeatable.")
    List<String> excludeColumns = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Connections exporting at once (default 1). Largest tables first; tables of 100,000 rows"
                    + " or more with an integer primary key are read as one key range per connection. PostgreSQL"
                    + " shares one snapshot between them; other databases need --allow-inconsistent.")
    int parallel;

    @Option(names = "--allow-inconsistent",
            description = "With --parallel on a database that cannot share a snapshot (MariaDB, MySQL, H2): accept"
                    + " tables read at different points in time; the set is marked inconsistent.")
    boolean allowInconsistent;

    @Override
    String operation() {
        return "backup of " + db.url + " into " + store.location;
    }

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new UsageException("--parallel was " + parallel + " but it must be at least 1");
        }
        if (parallel > Backups.MAX_PARALLELISM) {
            throw new UsageException("--parallel was " + parallel + " but it must be at most " + Backups.MAX_PARALLELISM);
        }
        if (allowInconsistent && parallel == 1) {
            throw new UsageException("--allow-inconsistent only applies with --parallel 2 or more");
        }
        BackupPlan backupPlan = plan();
        Backups.Builder backups = withCompression(Backups.builder()); // checks the options before anything opens
        BlobStore blobs = store.open(true);
        JdbcSource.Builder source = JdbcSource.builder(dataSource(db));
        if (schema != null) {
            source.schema(schema);
        }
        Progress progress = Progress.onTerminal(err(), "backup");
        BackupResult result;
        try {
            result = backups
                    .source(progress.track(source.build()))
                    .store(progress.track(blobs))
                    .plan(backupPlan)
                    .audit(AuditSink.slf4j())
                    .parallelism(parallel)
                    .allowInconsistentParallelExport(allowInconsistent)
                    .build()
                    .backup();
        } catch (BackupConfigurationException e) {
            if (parallel > 1 && !allowInconsistent) {
                throw new CommandFailedException(e.getMessage() + ". On the command line: omit --parallel, or add"
                        + " --allow-inconsistent", e);
            }
            throw e;
        } finally {
            progress.done();
        }
        Reports.backup(out(), result);
        out().println(result.id());
        return 0;
    }

    /** Applies {@code --codec} and {@code --compression-level} (the codec's default level when not given). */
    Backups.Builder withCompression(Backups.Builder builder) {
        builder.codec(codec);
        if (compressionLevel != null) {
            if (compressionLevel < codec.minLevel() || compressionLevel > codec.maxLevel()) {
                throw new UsageException("--compression-level " + compressionLevel + " is outside " + codec.id()
                        + "'s levels " + codec.minLevel() + " (fastest) to " + codec.maxLevel() + " (smallest); omit it"
                        + " for " + codec.defaultLevel());
            }
            builder.compressionLevel(compressionLevel);
        }
        return builder;
    }

    /** The plan from {@code --plan}, or every table but the excluded ones. */
    BackupPlan plan() {
        if (plan != null) {
            if (!excludeTables.isEmpty() || !excludeColumns.isEmpty()) {
                throw new UsageException("--plan cannot be combined with --exclude-table or --exclude-column; put the"
                        + " exclusions into the plan file");
            }
            return PlanFile.read(plan);
        }
        BackupPlan.Builder builder = BackupPlan.builder().includeAllOtherTables();
        for (String value : excludeTables) {
            int eq = value.indexOf('=');
            String table = (eq < 0 ? value : value.substring(0, eq)).trim();
            String reason = eq < 0 ? DEFAULT_REASON : value.substring(eq + 1).trim();
            if (table.isEmpty()) {
                throw new UsageException("--exclude-table '" + value + "' names no table; use NAME or NAME=REASON");
            }
            builder.exclude(ExclusionPolicy.table(table, reason.isEmpty() ? DEFAULT_REASON : reason));
        }
        Map<String, TableSpec> specs = new LinkedHashMap<>();
        for (String value : excludeColumns) {
            int dot = value.lastIndexOf('.');
            if (dot <= 0 || dot == value.length() - 1) {
                throw new UsageException("--exclude-column '" + value + "' must be TABLE.COLUMN, e.g. users.password_hash");
            }
            String table = value.substring(0, dot).trim();
            String column = value.substring(dot + 1).trim();
            specs.merge(table.toLowerCase(Locale.ROOT), TableSpec.of(table).excludeColumn(column, ""),
                    (a, b) -> a.excludeColumn(column, ""));
        }
        specs.values().forEach(builder::table);
        try {
            return builder.build();
        } catch (BackupConfigurationException e) {
            throw new UsageException("The exclusions contradict each other: " + String.join("; ", e.problems()));
        }
    }
}
