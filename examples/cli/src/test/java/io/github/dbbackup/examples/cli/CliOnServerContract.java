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
}
