package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlRestoreRoundTripIT extends RestoreRoundTripContract {

    @Override
    void insertWithoutIds(TestDatabase target) {
        target.execute("INSERT INTO projects (team_id, name, created_at) SELECT MIN(id), 'new project', CURRENT_TIMESTAMP FROM teams");
    }
}
