package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbDialectIT extends DialectContract {

    @Override
    String autoIncrementColumn() {
        return "BIGINT AUTO_INCREMENT";
    }

    @Override
    String generatedColumn() {
        return "DECIMAL(10,2) AS (price * 2) STORED";
    }

    @Override
    String expectedDefaultSchema() {
        return db.schema();
    }
}
