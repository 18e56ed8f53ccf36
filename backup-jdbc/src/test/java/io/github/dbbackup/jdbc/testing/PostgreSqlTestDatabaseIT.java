package io.github.dbbackup.jdbc.testing;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlTestDatabaseIT extends TestDatabaseContract {

    PostgreSqlTestDatabaseIT(TestDatabase db) {
        super(db);
    }
}
