package io.github.dbbackup.examples.cli;

import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CLI end to end on a database server: a fresh database with the QA-app data, restored into a sibling. */
abstract class CliOnServerContract extends CliEndToEndContract {

    private final TestDatabase source;
    private final TestDatabase target;

    CliOnServerContract(TestDatabase db) throws SQLException {
        this.source = db;
        try (Connection c = db.openConnection()) {
            QaAppData.insert(c, QaAppSchema.create(c), 1, 42L);
        }
        this.target = db.createSibling();
        try (Connection c = target.openConnection()) {
            QaAppSchema.create(c);
        }
    }

    @Override
    Map<String, String> env() {
        return source.password().isEmpty() ? Map.of() : Map.of(DbBackupCli.PASSWORD_ENV, source.password());
    }

    @Override
    List<String> sourceArgs() {
        return args(source);
    }

    @Override
    List<String> targetArgs() {
        return args(target);
    }

    private static List<String> args(TestDatabase db) {
        List<String> args = new ArrayList<>(List.of("--url", db.jdbcUrl()));
        if (!db.user().isEmpty()) {
            args.addAll(List.of("--user", db.user()));
        }
        return args;
    }

    @Override
    long count(boolean isTarget, String table) {
        return (isTarget ? target : source).queryForLong("SELECT COUNT(*) FROM " + table);
    }

    @Override
    List<String> anotherEmptyTarget(String... ddl) throws SQLException {
        TestDatabase another = source.createSibling();
        try (Connection c = another.openConnection()) {
            QaAppSchema.create(c);
        }
        another.execute(ddl);
        return args(another);
    }

    @Override
    List<String> sourceUserValues() throws SQLException {
        try (Connection c = source.openConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT email, display_name, password_hash FROM users")) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= 3; i++) {
                    String value = rs.getString(i);
                    if (value != null && value.length() >= 4) {
                        values.add(value);
                    }
                }
            }
            return values;
        }
    }
}
