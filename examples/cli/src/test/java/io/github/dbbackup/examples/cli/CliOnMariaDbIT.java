package io.github.dbbackup.examples.cli;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.SQLException;

@WithDatabase(DatabaseKind.MARIADB)
class CliOnMariaDbIT extends CliOnServerContract {

    CliOnMariaDbIT(TestDatabase db) throws SQLException {
        super(db);
    }
}
