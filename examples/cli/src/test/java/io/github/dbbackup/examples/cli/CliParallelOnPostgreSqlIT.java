package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup --parallel 3} on PostgreSQL, then verify and restore: every table arrives whole. */
@WithDatabase(DatabaseKind.POSTGRESQL)
class CliParallelOnPostgreSqlIT {

    @TempDir
    Path store;

    @Test
    void backsUpWithThreeConnectionsAndRestoresEveryRow(TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            QaAppData.insert(c, QaAppSchema.create(c), 1, 42L);
        }
        try (TestDatabase target = db.createSibling()) {
            try (Connection c = target.openConnection()) {
                QaAppSchema.create(c);
            }
            Cli.Run backup = Cli.withEnv(java.util.Map.of()).run(args("backup", db, "--parallel", "3"));
            assertThat(backup.exit()).as("%s", backup).isZero();
            String id = backup.lastOutLine();

            Cli.Run verify = Cli.withEnv(java.util.Map.of()).run("verify", "--store", store.toString(), "--backup", id);
            assertThat(verify.exit()).as("%s", verify).isZero();
            Cli.Run restore = Cli.withEnv(java.util.Map.of()).run(args("restore", target, "--backup", id));
            assertThat(restore.exit()).as("%s", restore).isZero();

            for (String table : QaAppSchema.ALL_TABLES) {
                String sql = "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t";
                assertThat(checksum(target, sql)).as(table).isEqualTo(checksum(db, sql));
            }
        }
    }

    private String[] args(String command, TestDatabase db, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", db.jdbcUrl(), "--store", store.toString()));
        if (!db.user().isEmpty()) {
            args.addAll(List.of("--user", db.user()));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String checksum(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.openConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
