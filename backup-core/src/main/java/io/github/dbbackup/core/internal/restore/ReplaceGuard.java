package io.github.dbbackup.core.internal.restore;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.spi.RestoreSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the rows a REPLACE restore would take with it: rows of tables outside the restore — in the
 * target's schema or in any other schema the role can see — that reference rows of the restored
 * tables. Deleting the restored tables' rows either fails late on such a reference ({@code NO ACTION},
 * {@code RESTRICT}) or deletes, nulls or resets rows nobody asked to touch ({@code CASCADE},
 * {@code SET NULL}, {@code SET DEFAULT}); both are refused before anything is written.
 */
final class ReplaceGuard {

    private static final String ALLOW = "delete those rows first, or allow it explicitly"
            + " (RestoreOptions.withAllowReplaceWithReferences(true))";

    private ReplaceGuard() {
    }

    /**
     * Returns one problem per foreign key from outside the restore that rows use.
     *
     * @param session the target
     * @param restored the restored tables
     * @param targetTables the tables of the target's schema
     * @return problems naming the referencing table, the constraint and the count of rows
     */
    static List<String> problems(RestoreSession session, List<String> restored, List<TableSchema> targetTables) {
        Set<String> names = new HashSet<>(restored);
        List<String> problems = new ArrayList<>();
        for (TableSchema outside : targetTables) {
            if (names.contains(outside.name())) {
                continue;
            }
            for (ForeignKey fk : outside.foreignKeys()) {
                if (names.contains(fk.referencedTable())) {
                    long rows = session.countReferencingRows(outside.name(), fk);
                    if (rows > 0) {
                        problems.add(problem(fk.referencedTable(), rows, outside.name(), fk.name(), fk.columns()));
                    }
                }
            }
        }
        for (RestoreSession.OutsideReference ref : session.referencesFromOtherSchemas(restored)) {
            if (ref.rows() > 0) {
                problems.add(problem(ref.referencedTable(), ref.rows(), ref.table(), ref.constraint(), ref.columns()));
            } else if (ref.rows() < 0) {
                problems.add("REPLACE would delete rows of '" + ref.referencedTable() + "' that rows of '" + ref.table()
                        + "' (not in the backup) may reference through constraint " + ref.constraint() + " ("
                        + String.join(",", ref.columns()) + "), and this role cannot read '" + ref.table()
                        + "' to count them; grant SELECT on it, or " + ALLOW);
            }
        }
        return problems;
    }

    private static String problem(String referenced, long rows, String table, String constraint, List<String> columns) {
        return "REPLACE would delete rows of '" + referenced + "' that " + rows + " rows of '" + table
                + "' (not in the backup) reference through constraint " + constraint + " (" + table + "."
                + String.join(",", columns) + "; ON DELETE CASCADE would delete them, NO ACTION would fail the"
                + " restore); " + ALLOW;
    }
}
