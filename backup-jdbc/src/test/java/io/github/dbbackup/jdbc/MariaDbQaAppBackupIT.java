package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbQaAppBackupIT extends QaAppBackupContract {
}
