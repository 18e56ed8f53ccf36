package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verify}: re-reads a set and checks it; exit 1 when any check fails. */
@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Verify a backup set; exit 1 when any check fails.",
                "quick checks the manifest and every part's size; full (default) also streams every part: SHA-256, JSON structure, values and row counts. The result is recorded beside"
                + " the set, where list shows it."})
final class VerifyCommand extends CliCommand {

    @Mixin
    StoreOptions store;

    @Option(names = "--backup", paramLabel = "ID|latest", defaultValue = "latest",
            description = "The set to verify (default: latest).")
    String backup;

    @Option(names = "--level", paramLabel = "quick|full", defaultValue = "full", converter = Converters.LevelConverter.class,
            description = "How thoroughly (default: full).")
    VerificationLevel level;

    @Override
    String operation() {
        return "verification of " + backup + " in " + store.location;
    }

    @Override
    public Integer call() {
        BlobStore blobs = store.open(false);
        String id = resolve(blobs, backup);
        Progress progress = Progress.onTerminal(err(), "verify");
        VerificationResult result;
        try {
            result = BackupVerifier.builder().store(progress.track(blobs)).audit(AuditSink.slf4j()).build().verify(id, level);
        } finally {
            progress.done();
        }
        Reports.verification(out(), result);
        if (!isRecorded(blobs, result)) {
            // The checks ran and their verdict stands (exit code as usual); but `list` and the
            // staleness checks will not see this verification: say so where an operator looks.
            err().println("warning: the result of this verification could not be recorded in " + blobs.describe()
                    + " (read-only store?); dbbackup list will not show it as verified. Grant write access to the"
                    + " store to record verifications.");
            err().flush();
        }
        if (!result.isOk()) {
            out().flush();
            throw new CommandFailedException("Backup set '" + id + "' failed " + level.name().toLowerCase(Locale.ROOT)
                    + " verification with " + result.problems().size() + " problem(s); the first: "
                    + result.problems().get(0).reason());
        }
        return 0;
    }

    /** Whether the catalog now shows this very verification (the verifier only logs a failed write). */
    private static boolean isRecorded(BlobStore blobs, VerificationResult result) {
        try {
            VerificationResult last = BackupCatalog.of(blobs).get(result.backupId()).lastVerification();
            return last != null && last.verifiedAt().equals(result.verifiedAt()) && last.level() == result.level();
        } catch (BackupException e) {
            return false;
        }
    }
}
