package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the root (environment, masking), {@code --verbose}, the output
 * streams, and a description of the operation for the one-line error message.
 */
abstract class CliCommand implements Callable<Integer> {

    @ParentCommand
    DbBackupCli root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "On failure, print the stack trace too.")
    boolean verbose;

    /**
     * Says what the command does, for the error line ({@code backup of jdbc:… into /var/backups}).
     * May hold a URL: the caller masks it.
     *
     * @return the operation, e.g. {@code restore of latest from /var/backups into jdbc:postgresql://db/app}
     */
    abstract String operation();

    /**
     * Returns whether {@code --verbose} was given.
     *
     * @return the flag
     */
    boolean isVerbose() {
        return verbose;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Masks credentials in text that is about to be printed. */
    String mask(String text) {
        return root.masking().mask(text);
    }

    /**
     * Returns a data source for {@code --url}/{@code --user}, the password from {@code DBBACKUP_PASSWORD}.
     */
    DataSource dataSource(DatabaseOptions db) {
        return db.dataSource(root.password(), root::alsoMask);
    }

    /**
     * Resolves {@code --backup ID|latest} to the id of a complete set.
     *
     * @param store the store
     * @param idOrLatest a backup id or {@code latest}
     * @return the id
     * @throws UsageException when the value is not a backup id
     * @throws CommandFailedException when there is no such complete set, or its manifest is unreadable
     */
    static String resolve(BlobStore store, String idOrLatest) {
        BackupCatalog catalog = BackupCatalog.of(store);
        if ("latest".equals(idOrLatest)) {
            return catalog.latest().map(BackupSetInfo::id).orElseThrow(() -> new CommandFailedException(
                    "There is no complete backup set in " + store.describe() + "; check --store, or run dbbackup backup"
                            + " first"));
        }
        try {
            return catalog.get(idOrLatest).id();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--backup " + e.getMessage() + ", or pass latest");
        } catch (BackupFormatException e) {
            throw new CommandFailedException("Backup set '" + idOrLatest + "' in " + store.describe()
                    + " is unreadable: " + e.getMessage(), e);
        } catch (BlobNotFoundException e) {
            throw new CommandFailedException("Backup set '" + idOrLatest + "' does not exist in " + store.describe()
                    + " or is incomplete (its backup failed or is still running); see the complete sets with"
                    + " dbbackup list --store ...", e);
        }
    }
}
