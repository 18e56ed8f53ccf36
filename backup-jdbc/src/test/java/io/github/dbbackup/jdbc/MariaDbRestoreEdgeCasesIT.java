package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.List;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbRestoreEdgeCasesIT extends RestoreEdgeCasesContract {

    @Override
    List<String> schema() {
        return List.of(
                "CREATE TABLE folders (id INT PRIMARY KEY, parent_id INT, name VARCHAR(40) NOT NULL,"
                        + " CONSTRAINT folders_parent_fk FOREIGN KEY (parent_id) REFERENCES folders (id))",
                "CREATE TABLE owners (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, pet_id INT)",
                "CREATE TABLE pets (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, owner_id INT,"
                        + " CONSTRAINT pets_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id))",
                "ALTER TABLE owners ADD CONSTRAINT owners_pet_fk FOREIGN KEY (pet_id) REFERENCES pets (id)",
                "CREATE TABLE chicken (id INT PRIMARY KEY, egg_id INT NOT NULL)",
                "CREATE TABLE egg (id INT PRIMARY KEY, chicken_id INT NOT NULL,"
                        + " CONSTRAINT egg_chicken_fk FOREIGN KEY (chicken_id) REFERENCES chicken (id))");
    }

    @Override
    CycleStrategy notNullCycleStrategy() {
        return CycleStrategy.FOREIGN_KEY_CHECKS_OFF;
    }

    @Override
    String[] cycleRows() {
        return new String[] {"SET foreign_key_checks = 0", "INSERT INTO chicken VALUES (55, 555)",
            "INSERT INTO egg VALUES (555, 55)", "SET foreign_key_checks = 1"};
    }
}
