package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.spi.BlobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unpin}: lets the retention policy apply to a pinned set again. */
@Command(name = "unpin", sortOptions = false, mixinStandardHelpOptions = true, description = "Unpin a backup set: the retention policy applies to it again.")
final class UnpinCommand extends CliCommand {

    @Mixin
    StoreOptions store;

    @Option(names = "--backup", required = true, paramLabel = "ID", description = "The set to unpin.")
    String backup;

    @Override
    String operation() {
        return "unpinning of " + backup + " in " + store.location;
    }

    @Override
    public Integer call() {
        BlobStore blobs = store.open(false);
        String id = resolve(blobs, backup);
        boolean wasPinned = BackupCatalog.of(blobs).unpin(id);
        out().println(wasPinned ? "Unpinned " + id + "; the retention policy applies to it again."
                : id + " was not pinned; nothing changed.");
        return 0;
    }
}
