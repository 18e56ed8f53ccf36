package io.github.dbbackup.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list}: the complete sets of a store, oldest first, as a table or as one JSON array. */
@Command(name = "list", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"List the complete backup sets of a store, oldest first, from their manifests.",
                "--json prints one JSON array of objects: id, createdAt, tables, rows, bytes, codec, pinned,"
                        + " verified, lastVerification, warnings (tables that lost more than half of their rows since the"
                        + " previous set)."})
final class ListCommand extends CliCommand {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print one JSON array instead of a table.")
    boolean json;

    @Override
    String operation() {
        return "listing of " + store.location;
    }

    @Override
    public Integer call() {
        BlobStore blobs = store.open(false);
        BackupCatalog catalog = BackupCatalog.of(blobs);
        List<BackupSetInfo> sets = catalog.list();
        if (json) {
            writeJson(out(), sets);
            return 0;
        }
        Reports.sets(out(), blobs.describe(), sets);
        int incomplete = catalog.incomplete().size();
        int unreadable = catalog.unreadable().size();
        if (incomplete > 0 || unreadable > 0) {
            out().printf("Also %d incomplete sets (no manifest: failed or running backups; prune sweeps them after 24"
                    + " hours) and %d sets with an unreadable manifest (inspect them).%n", incomplete, unreadable);
        }
        return 0;
    }

    /**
     * Writes the sets as one JSON array, followed by a line break.
     *
     * @param out where to write; not closed
     * @param sets the sets
     */
    static void writeJson(PrintWriter out, List<BackupSetInfo> sets) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (BackupSetInfo s : sets) {
                g.writeStartObject();
                g.writeStringField("id", s.id());
                g.writeStringField("createdAt", s.createdAt().toString());
                g.writeNumberField("tables", s.tables());
                g.writeNumberField("rows", s.rows());
                g.writeNumberField("bytes", s.bytes());
                g.writeStringField("codec", s.codec());
                g.writeBooleanField("pinned", s.pinned());
                g.writeBooleanField("verified", s.isVerified());
                VerificationResult v = s.lastVerification();
                if (v == null) {
                    g.writeNullField("lastVerification");
                } else {
                    g.writeObjectFieldStart("lastVerification");
                    g.writeStringField("level", v.level().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("verifiedAt", v.verifiedAt().toString());
                    g.writeBooleanField("ok", v.isOk());
                    g.writeNumberField("problems", v.problems().size());
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("warnings"); // since format 1.2: e.g. a table that lost most of its rows
                for (String w : s.warnings()) {
                    g.writeString(w);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the JSON listing failed: " + e.getMessage(), e);
        }
        out.println();
        out.flush();
    }
}
