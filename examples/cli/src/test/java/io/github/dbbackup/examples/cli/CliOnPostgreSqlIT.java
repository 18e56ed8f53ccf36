package io.github.dbbackup.examples.cli;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.SQLException;

@WithDatabase(DatabaseKind.POSTGRESQL)
class CliOnPostgreSqlIT extends CliOnServerContract {

    CliOnPostgreSqlIT(TestDatabase db) throws SQLException {
        super(db);
    }
}
