package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlQaAppBackupIT extends QaAppBackupContract {
}
