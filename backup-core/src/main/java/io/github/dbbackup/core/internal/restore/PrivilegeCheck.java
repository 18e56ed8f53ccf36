package io.github.dbbackup.core.internal.restore;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.RestoreSession.TablePrivilege;
import io.github.dbbackup.core.spi.RestoreSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before anything is written, that the role may do every step the restore plans, so that a
 * dry run fails where the restore would: read and insert rows, delete them (REPLACE), update them
 * (UPSERT, and cycle columns set after the insert), move the sequences that feed them, and write
 * through row-level security.
 */
final class PrivilegeCheck {

    /** What the check needs to know of one planned table. */
    record Table(String name, List<ColumnSchema> columns, boolean updatesAfterInsert) {
    }

    private PrivilegeCheck() {
    }

    /**
     * Returns one problem per missing privilege (each naming table and privilege) and per table
     * whose row-level security hides rows that REPLACE would have to delete.
     *
     * @param session the target
     * @param mode the restore mode
     * @param tables the tables in restore order
     * @return problems, empty when the role may do everything
     */
    static List<String> problems(RestoreSession session, RestoreMode mode, List<Table> tables) {
        List<String> problems = new ArrayList<>();
        for (Table table : tables) {
            Set<TablePrivilege> needed = EnumSet.of(TablePrivilege.SELECT, TablePrivilege.INSERT);
            if (mode == RestoreMode.REPLACE) {
                needed.add(TablePrivilege.DELETE);
            }
            if (mode == RestoreMode.UPSERT || table.updatesAfterInsert()) {
                needed.add(TablePrivilege.UPDATE);
            }
            Set<TablePrivilege> missing = session.missingPrivileges(table.name(), needed);
            if (!missing.isEmpty()) {
                problems.add("this role lacks " + missing + " on table '" + table.name() + "', which a " + mode
                        + " restore needs; GRANT " + String.join(", ", missing.stream().map(Enum::name).toList())
                        + " ON it, or restore as its owner");
            }
            for (String sequence : session.sequencesThatCannotBeMoved(table.name(), table.columns())) {
                problems.add("this role may not move " + sequence + " past the restored ids (it needs UPDATE on the"
                        + " sequence); grant it, or restore as the sequence's owner");
            }
            if (mode == RestoreMode.REPLACE && session.isRowSecurityActive(table.name())) {
                problems.add("row-level security applies to this role on table '" + table.name() + "': REPLACE would"
                        + " delete only the rows its policies show; restore as the table's owner or a role with"
                        + " BYPASSRLS");
            }
        }
        return problems;
    }
}
