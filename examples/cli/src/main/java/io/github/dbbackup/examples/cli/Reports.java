package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.VerificationProblem;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.restore.RestorePlan;
import io.github.dbbackup.core.restore.RestoreReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints results for people; shared by the commands and the demo, so both read the same. */
final class Reports {

    private Reports() {
    }

    /**
     * Formats a byte count, e.g. {@code 1.2 MiB}.
     *
     * @param bytes the count
     * @return the text
     */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Prints what a backup wrote and what it left out.
     *
     * @param out where to print
     * @param result the backup
     */
    static void backup(PrintWriter out, BackupResult result) {
        Manifest manifest = result.manifest();
        out.printf("Backed up %d rows of %d tables (%s, %s) from %s %s as %s in %d ms%n", result.totalRows(),
                result.tables().size(), bytes(result.totalBytes()), manifest.codec(), manifest.source().product(),
                manifest.source().schema().isEmpty() ? "" : "schema " + manifest.source().schema(), result.id(),
                result.duration().toMillis());
        for (BackedUpTable t : result.tables()) {
            out.printf("  %-28s %9d rows %10s%s%n", t.name(), t.rows(), bytes(t.bytes()),
                    t.rowFilter().isEmpty() ? "" : "  where " + t.rowFilter());
            for (ExcludedColumn x : t.excludedColumns()) {
                out.printf("    left out column %s.%s (restored as %s)%n", t.name(), x.column().name(),
                        x.restorePlaceholder().map(p -> "'" + p + "'").orElse("its default"));
            }
        }
        for (ExcludedTable x : manifest.excludedTables()) {
            out.printf("  left out table %-22s %s%n", x.table(), x.reason());
        }
    }

    /**
     * Prints the complete sets of a store, oldest first.
     *
     * @param out where to print
     * @param where the store's description
     * @param sets the sets
     */
    static void sets(PrintWriter out, String where, List<BackupSetInfo> sets) {
        if (sets.isEmpty()) {
            out.println("No complete backup set in " + where + ".");
            return;
        }
        out.printf("%d complete backup sets in %s (oldest first):%n", sets.size(), where);
        out.printf("  %-32s %-30s %6s %10s %10s  %s%n", "ID", "CREATED", "TABLES", "ROWS", "SIZE", "STATUS");
        for (BackupSetInfo s : sets) {
            out.printf("  %-32s %-30s %6d %10d %10s  %s%n", s.id(), s.createdAt().toString(), s.tables(), s.rows(),
                    bytes(s.bytes()), status(s));
        }
    }

    private static String status(BackupSetInfo s) {
        StringBuilder status = new StringBuilder();
        if (s.pinned()) {
            status.append("pinned ");
        }
        VerificationResult v = s.lastVerification();
        if (v == null) {
            status.append("not verified");
        } else {
            status.append(v.isOk() ? "verified " : "FAILED verification ").append(v.level().name().toLowerCase(Locale.ROOT))
                    .append(' ').append(v.verifiedAt());
        }
        return status.toString();
    }

    /**
     * Prints a verification result.
     *
     * @param out where to print
     * @param result the result
     */
    static void verification(PrintWriter out, VerificationResult result) {
        String level = result.level().name().toLowerCase(Locale.ROOT);
        if (result.isOk()) {
            out.printf("Verified %s (%s): %d parts, %d rows checked in %d ms; every check passed.%n", result.backupId(),
                    level, result.partsChecked(), result.rowsChecked(), result.duration().toMillis());
            return;
        }
        out.printf("Verification of %s (%s) found %d problems:%n", result.backupId(), level, result.problems().size());
        for (VerificationProblem p : result.problems()) {
            out.println("  " + p.key() + ": " + p.reason());
        }
    }

    /**
     * Prints a restore plan (the dry run).
     *
     * @param out where to print
     * @param plan the plan
     */
    static void restorePlan(PrintWriter out, RestorePlan plan) {
        out.printf("Dry run: restoring %s (%s) would write %d rows into %d tables, in this order:%n", plan.backupId(),
                mode(plan), plan.totalRows(), plan.tables().size());
        for (RestorePlan.TableStep step : plan.tables()) {
            out.printf("  %-28s %9d rows, %d columns%s%n", step.table(), step.rows(), step.columns().size(),
                    step.nullThenUpdate().isEmpty() ? "" : "; " + step.nullThenUpdate() + " set by UPDATE at the end");
        }
        cycles(out, plan);
        lines(out, "Decisions and warnings:", plan.decisions());
        out.println("Nothing was written.");
        checklist(out, plan.checklist());
    }

    /**
     * Prints a restore report.
     *
     * @param out where to print
     * @param report the report
     * @param target where it was restored, masked
     * @param withChecklist whether to end with the post-restore checklist
     */
    static void restore(PrintWriter out, RestoreReport report, String target, boolean withChecklist) {
        out.printf("Restored %d rows of %s (%s) into %s in %d ms, in this order:%n", report.totalRows(),
                report.plan().backupId(), mode(report.plan()), target, report.duration().toMillis());
        for (Map.Entry<String, Long> e : report.rowsWritten().entrySet()) {
            out.printf("  %-28s %9d rows%n", e.getKey(), e.getValue());
        }
        cycles(out, report.plan());
        lines(out, "Checks passed:", report.checks());
        lines(out, "Warnings:", report.warnings());
        lines(out, "Decisions:", report.plan().decisions());
        if (withChecklist) {
            checklist(out, report.checklist());
        }
    }

    /**
     * Prints the post-restore checklist.
     *
     * @param out where to print
     * @param checklist the actions
     */
    static void checklist(PrintWriter out, List<String> checklist) {
        if (checklist.isEmpty()) {
            out.println("Post-restore checklist: nothing to do (the backup left nothing out).");
            return;
        }
        out.println("Post-restore checklist:");
        checklist.forEach(line -> out.println("  [ ] " + line));
    }

    private static void cycles(PrintWriter out, RestorePlan plan) {
        for (RestorePlan.Cycle c : plan.cycles()) {
            out.printf("  cycle %s written with %s%n", c.tables(), c.strategy());
        }
    }

    private static void lines(PrintWriter out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println(title);
        lines.forEach(line -> out.println("  " + line));
    }

    private static String mode(RestorePlan plan) {
        return "mode " + plan.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
