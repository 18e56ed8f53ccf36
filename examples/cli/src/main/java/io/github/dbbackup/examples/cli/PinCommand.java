package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.spi.BlobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pin}: marks a set so that prune never deletes it. */
@Command(name = "pin", sortOptions = false, mixinStandardHelpOptions = true, description = "Pin a backup set: prune never deletes it until it is unpinned.")
final class PinCommand extends CliCommand {

    @Mixin
    StoreOptions store;

    @Option(names = "--backup", required = true, paramLabel = "ID", description = "The set to pin.")
    String backup;

    @Override
    String operation() {
        return "pinning of " + backup + " in " + store.location;
    }

    @Override
    public Integer call() {
        BlobStore blobs = store.open(false);
        String id = resolve(blobs, backup);
        BackupCatalog.of(blobs).pin(id);
        out().println("Pinned " + id + "; prune keeps it until: dbbackup unpin --store " + store.location + " --backup " + id);
        return 0;
    }
}
