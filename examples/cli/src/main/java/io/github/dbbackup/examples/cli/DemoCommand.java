package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.JdbcAuditSink;
import io.github.dbbackup.jdbc.JdbcSource;
import io.github.dbbackup.jdbc.JdbcTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole library on a fresh machine, with nothing but Java. Creates an embedded H2
 * database with the QA-app schema and sample data, backs it up into a directory with the QA-app's
 * runbook plan, lists the store, verifies the new set fully, restores it into a second, empty H2
 * database, proves every row equal (a backup of the restored database has byte-identical parts),
 * and ends with the post-restore checklist. Prints through the same reports as the other commands.
 */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Show the whole flow on an embedded H2 database; needs nothing but Java.",
                "Backs up an H2 database with the QA-app schema and sample data into DIR, lists,"
                + " verifies (full), restores into a second H2 database, compares every row, and prints the post-restore"
                + " checklist."})
final class DemoCommand extends CliCommand {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "dbbackup-demo",
            description = "Where the backup sets go (default: ./dbbackup-demo).")
    Path dir;

    @Override
    String operation() {
        return "demo in " + dir;
    }

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = out();
        DataSource original = h2("dbbackup-demo");
        DataSource restored = h2("dbbackup-demo-restored");
        try {
            try (Connection c = original.getConnection()) {
                QaAppSchema.create(c);
                QaAppData.insert(c, QaAppSchema.Database.H2, 1, 42L);
            }
            out.println("1. Created an embedded H2 database with the QA-app schema and sample data.");

            BlobStore store = Locations.directory(dir, true);
            BackupResult result = Backups.builder()
                    .source(JdbcSource.of(original))
                    .store(store)
                    .plan(QaAppPlan.plan())
                    .audit(AuditSink.all(AuditSink.slf4j(), JdbcAuditSink.of(original)))
                    .build()
                    .backup();
            out.print("2. ");
            Reports.backup(out, result);

            out.print("3. ");
            Reports.sets(out, store.describe(), BackupCatalog.of(store).list());

            VerificationResult verification = BackupVerifier.builder().store(store).audit(AuditSink.slf4j()).build()
                    .verify(result.id(), VerificationLevel.FULL);
            out.print("4. ");
            Reports.verification(out, verification);
            if (!verification.isOk()) {
                throw new CommandFailedException("The demo's backup set '" + result.id() + "' failed verification: "
                        + verification.problems().get(0).reason());
            }

            try (Connection c = restored.getConnection()) {
                QaAppSchema.create(c);
            }
            RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(restored))
                    .audit(AuditSink.slf4j()).build().restore(result.id());
            out.print("5. ");
            Reports.restore(out, report, "a second, empty H2 database", false);

            // Every value equal: a backup of the restored database has byte-identical parts.
            BackupResult again = Backups.builder().source(JdbcSource.of(restored)).store(new InMemoryBlobStore())
                    .plan(QaAppPlan.plan()).audit(AuditSink.noop()).build().backup();
            List<String> expected = result.parts().stream().map(PartInfo::sha256).toList();
            boolean equal = again.parts().stream().map(PartInfo::sha256).toList().equals(expected);
            if (!equal) {
                throw new CommandFailedException("The restored database differs from the original: a backup of it"
                        + " does not have the same part checksums as " + result.id());
            }
            out.println("6. Every row of the restored database equals the original (a backup of it has byte-identical"
                    + " parts: " + expected.size() + " SHA-256 checksums match).");
            Reports.checklist(out, report.checklist());
            return 0;
        } finally {
            shutdown(original);
            shutdown(restored);
        }
    }

    private static DataSource h2(String name) {
        return new UrlDataSource("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", null, null);
    }

    private static void shutdown(DataSource h2) {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // an in-memory database; the process ends soon anyway
        }
    }
}
