package io.github.dbbackup.jdbc.testing;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbQaAppSchemaIT extends QaAppSchemaIT {
}
