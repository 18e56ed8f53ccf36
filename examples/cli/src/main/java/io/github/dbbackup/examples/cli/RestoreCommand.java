package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.jdbc.JdbcTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restore}: a backup set into a database, all or nothing, then the report and the checklist. */
@Command(name = "restore", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Restore a backup set into a database, all or nothing.",
                "Tables are written in foreign-key order in one transaction. Prints the report and the post-restore"
                        + " checklist; --dry-run validates and prints the plan without writing anything."})
final class RestoreCommand extends CliCommand {

    @Mixin
    DatabaseOptions db;

    @Mixin
    StoreOptions store;

    @Option(names = "--backup", paramLabel = "ID|latest", defaultValue = "latest",
            description = "The set to restore (default: latest).")
    String backup;

    @Option(names = "--mode", paramLabel = "empty-only|upsert|replace", defaultValue = "empty-only",
            converter = Converters.ModeConverter.class,
            description = "empty-only (default): the tables must be empty; upsert: merge by primary key;"
                    + " replace: delete the restored tables' rows first.")
    RestoreMode mode;

    @Option(names = "--lenient", description = "Restore what matches the target schema and report the rest"
            + " (default: strict, any mismatch fails before writing).")
    boolean lenient;

    @Option(names = "--triggers", paramLabel = "disable|keep", defaultValue = "disable",
            converter = Converters.TriggersConverter.class,
            description = "disable (default): keep user triggers from firing where the database allows; keep: let them fire.")
    Converters.Triggers triggers;

    @Option(names = "--dry-run", description = "Validate the target and print the plan; write nothing.")
    boolean dryRun;

    @Override
    String operation() {
        return (dryRun ? "dry run of the restore of " : "restore of ") + backup + " from " + store.location + " into "
                + db.url;
    }

    @Override
    public Integer call() {
        BlobStore blobs = store.open(false);
        // latest is resolved by the restorer, which audits a store without sets as a failed restore
        String id = Restorer.LATEST.equals(backup) ? Restorer.LATEST : resolve(blobs, backup);
        Progress progress = Progress.onTerminal(err(), "restore");
        Restorer restorer = Restorer.builder()
                .store(progress.track(blobs))
                .target(progress.track(JdbcTarget.of(dataSource(db))))
                .options(RestoreOptions.defaults().withMode(mode).withStrict(!lenient).withDisableTriggers(triggers == Converters.Triggers.DISABLE))
                .audit(AuditSink.slf4j())
                .build();
        try {
            if (dryRun) {
                var plan = restorer.preflight(id);
                progress.done();
                Reports.restorePlan(out(), plan);
            } else {
                var report = restorer.restore(id);
                progress.done();
                Reports.restore(out(), report, mask(db.url), true);
            }
        } finally {
            progress.done();
        }
        return 0;
    }
}
