package io.github.dbbackup.core.internal.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.RestoreSession.OutsideReference;
import io.github.dbbackup.core.spi.RestoreSession.TablePrivilege;
import io.github.dbbackup.core.testing.FakeRestoreSession;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReplaceGuard and PrivilegeCheck against a fake target (issue 13 items 6, 10, 13). */
class RestorePreflightChecksTest {

    private static final ColumnSchema ID = ColumnSchema.of("id", Types.INTEGER, "int4", ValueType.INTEGER, false);
    private static final TableSchema USERS = new TableSchema("users", List.of(ID), List.of("id"), List.of());

    private static TableSchema referencing(String name) {
        return new TableSchema(name, List.of(ID, ColumnSchema.of("user_id", Types.INTEGER, "int4", ValueType.INTEGER, true)),
                List.of("id"), List.of(new ForeignKey(name + "_user_fk", List.of("user_id"), "users", List.of("id"))));
    }

    @Test
    void issue13_replaceNamesEveryReferencingTableOfThisAndOtherSchemasWithConstraintAndCount() {
        FakeRestoreSession session = new FakeRestoreSession().table(USERS, 0).table(referencing("sessions"), 3)
                .table(referencing("unused"), 0)
                .outside(new OutsideReference("audit.logins", "logins_user_fk", List.of("user_id"), "users", 2))
                .outside(new OutsideReference("audit.empty", "empty_user_fk", List.of("user_id"), "users", 0))
                .outside(new OutsideReference("secret.tokens", "tokens_user_fk", List.of("user_id"), "users", -1));
        List<String> problems = ReplaceGuard.problems(session, List.of("users"), session.tables());
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("REPLACE would delete rows of 'users' that 3 rows of 'sessions' (not in the"
                + " backup) reference through constraint sessions_user_fk (sessions.user_id;");
        assertThat(problems.get(1)).contains("2 rows of 'audit.logins'").contains("constraint logins_user_fk");
        assertThat(problems.get(2)).contains("'secret.tokens'").contains("tokens_user_fk").contains("cannot read");
    }

    @Test
    void issue13_theRestoredTablesOwnKeysDoNotBlockReplace() {
        FakeRestoreSession session = new FakeRestoreSession().table(USERS, 0).table(referencing("sessions"), 3);
        assertThat(ReplaceGuard.problems(session, List.of("users", "sessions"), session.tables())).isEmpty();
    }

    @Test
    void issue13_eachModeNeedsItsPrivilegesAndEverySequenceItMoves() {
        FakeRestoreSession session = new FakeRestoreSession().grant("users", TablePrivilege.SELECT, TablePrivilege.INSERT)
                .unmovableSequence("users", "users.id: sequence public.users_id_seq");
        List<PrivilegeCheck.Table> plan = List.of(new PrivilegeCheck.Table("users", List.of(ID), false));
        assertThat(PrivilegeCheck.problems(session, RestoreMode.EMPTY_ONLY, plan))
                .containsExactly("this role may not move users.id: sequence public.users_id_seq past the restored ids (it"
                        + " needs UPDATE on the sequence); grant it, or restore as the sequence's owner");
        assertThat(PrivilegeCheck.problems(session, RestoreMode.REPLACE, plan).get(0))
                .startsWith("this role lacks [DELETE] on table 'users'");
        assertThat(PrivilegeCheck.problems(session, RestoreMode.UPSERT, plan).get(0))
                .startsWith("this role lacks [UPDATE] on table 'users'");
        assertThat(PrivilegeCheck.problems(session, RestoreMode.EMPTY_ONLY,
                List.of(new PrivilegeCheck.Table("users", List.of(ID), true))).get(0))
                .as("cycle columns set after the insert").startsWith("this role lacks [UPDATE] on table 'users'");
    }

    @Test
    void issue13_replaceIsRefusedWhereRowLevelSecurityHidesRows() {
        FakeRestoreSession session = new FakeRestoreSession().rowSecurity("users");
        List<PrivilegeCheck.Table> plan = List.of(new PrivilegeCheck.Table("users", List.of(ID), false));
        assertThat(PrivilegeCheck.problems(session, RestoreMode.EMPTY_ONLY, plan)).isEmpty();
        assertThat(PrivilegeCheck.problems(session, RestoreMode.REPLACE, plan)).singleElement()
                .satisfies(p -> assertThat(p).contains("REPLACE would delete only the rows its policies show"));
    }
}
