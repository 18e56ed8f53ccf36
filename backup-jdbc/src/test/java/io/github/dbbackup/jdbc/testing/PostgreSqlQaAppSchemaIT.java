package io.github.dbbackup.jdbc.testing;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlQaAppSchemaIT extends QaAppSchemaIT {
}
