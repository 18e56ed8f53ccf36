package io.github.dbbackup.jdbc.testing;

@WithDatabase(DatabaseKind.H2)
class H2TestDatabaseTest extends TestDatabaseContract {

    H2TestDatabaseTest(TestDatabase db) {
        super(db);
    }
}
