package io.github.dbbackup.jdbc.testing;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbTestDatabaseIT extends TestDatabaseContract {

    MariaDbTestDatabaseIT(TestDatabase db) {
        super(db);
    }
}
