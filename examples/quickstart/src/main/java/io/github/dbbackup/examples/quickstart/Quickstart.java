package io.github.dbbackup.examples.quickstart;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.DbBackup;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.JdbcAuditSink;
import io.github.dbbackup.jdbc.JdbcSource;
import io.github.dbbackup.jdbc.JdbcTarget;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Runs the demo: creates an embedded H2 database with the QA-app schema and sample data, backs it
 * up into a folder (default {@code ./dbbackup-demo}), lists the complete sets there, verifies the new
 * one part by part, prints what the audit log recorded, restores the newest set into a second H2
 * database, proves every row equal, and prints the post-restore checklist.
 *
 * <p>Usage: {@code java -jar examples/quickstart/target/dbbackup-quickstart.jar [DIR]}
 */
public final class Quickstart {

    private Quickstart() {
    }

    /**
     * Runs the demo.
     *
     * @param args optionally the folder to back up into
     * @throws Exception when the demo fails; the message says why
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "dbbackup-demo");
        int exit = run(dir, System.out);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * Runs the demo, printing to {@code out}.
     *
     * @param dir the folder to back up into
     * @param out where the report goes
     * @return 0 when every step succeeded
     * @throws Exception when a step fails
     */
    public static int run(Path dir, PrintStream out) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:quickstart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        DataSource dataSource = h2;
        try (Connection c = dataSource.getConnection()) {
            QaAppSchema.create(c);
            QaAppData.insert(c, QaAppSchema.Database.H2, 1, 42L);
        }
        out.println("1. Created an embedded H2 database with the QA-app schema and sample data.");

        // tag::embed[]
        DbBackup db = DbBackup.configure()
                .store(FileSystemBlobStore.of(dir))
                .audit(AuditSink.all(AuditSink.slf4j(), JdbcAuditSink.of(dataSource)))
                .load();
        BackupResult result = db.backup(JdbcSource.of(dataSource), QaAppPlan.plan());
        // end::embed[]

        out.printf("2. Backed up %d rows of %d tables (%d bytes) into %s as %s in %d ms:%n", result.totalRows(),
                result.tables().size(), result.totalBytes(), dir.toAbsolutePath(), result.id(),
                result.duration().toMillis());
        for (BackedUpTable t : result.tables()) {
            out.printf("     %-16s %6d rows %8d bytes%n", t.name(), t.rows(), t.bytes());
        }
        Manifest manifest = result.manifest();
        for (ExcludedTable x : manifest.excludedTables()) {
            out.printf("     left out %-22s %s%n", x.table(), x.reason());
        }
        for (BackedUpTable t : manifest.tables()) {
            for (ExcludedColumn x : t.excludedColumns()) {
                out.printf("     left out column %s.%s (restored as '%s')%n", t.name(), x.column().name(),
                        x.restorePlaceholder().orElse("its default"));
            }
        }

        List<String> sets = db.catalog().list().stream().map(BackupSetInfo::id).toList();
        out.println("3. Complete backup sets in " + dir + ": " + sets);

        VerificationResult verification = db.verify(result.id(), VerificationLevel.FULL);
        out.printf("4. Verified %s: %d parts, every SHA-256, JSON structure and row count; %d rows read back%s.%n",
                result.id(), verification.partsChecked(), verification.rowsChecked(),
                verification.isOk() ? "" : " - PROBLEMS: " + verification.problems());
        long verified = verification.isOk() ? verification.rowsChecked() : -1;

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT action, details FROM audit_log"
                        + " WHERE action LIKE 'DATABASE_BACKUP_%' ORDER BY created_at DESC")) {
            out.println("5. The audit log says:");
            while (rs.next()) {
                out.println("     " + rs.getString(1) + " " + rs.getString(2));
            }
        }
        JdbcDataSource second = new JdbcDataSource();
        second.setURL("jdbc:h2:mem:quickstart-restored-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        try (Connection c = second.getConnection()) {
            QaAppSchema.create(c);
        }
        RestoreReport report = db.restore(JdbcTarget.of(second), Restorer.LATEST);
        out.printf("6. Restored %d rows into a second H2 database in %d ms, in this order: %s%n", report.totalRows(),
                report.duration().toMillis(), report.rowsWritten().keySet());
        report.plan().cycles().forEach(c -> out.printf("     cycle %s written with %s%n", c.tables(), c.strategy()));
        report.checks().forEach(c -> out.println("     check: " + c));

        // Every value equal: a backup of the restored database has byte-identical parts.
        BackupResult again = Backups.builder().source(JdbcSource.of(second)).store(new InMemoryBlobStore())
                .plan(QaAppPlan.plan()).audit(AuditSink.noop()).build().backup();
        boolean equal = again.parts().stream().map(PartInfo::sha256).toList()
                .equals(result.parts().stream().map(PartInfo::sha256).toList());
        out.println("7. Every row of the restored database " + (equal ? "equals" : "DIFFERS FROM")
                + " the original (the parts of a backup of it are byte-identical).");
        out.println("Post-restore checklist:");
        report.checklist().forEach(line -> out.println("   [ ] " + line));
        return verified == result.totalRows() && equal ? 0 : 1;
    }
}
