package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.List;

@WithDatabase(DatabaseKind.H2)
class H2RestoreEdgeCasesTest extends RestoreEdgeCasesContract {

    @Override
    List<String> schema() {
        return List.of(
                "CREATE TABLE folders (id INT PRIMARY KEY, parent_id INT REFERENCES folders (id), name VARCHAR(40) NOT NULL)",
                "CREATE TABLE owners (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, pet_id INT)",
                "CREATE TABLE pets (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, owner_id INT REFERENCES owners (id))",
                "ALTER TABLE owners ADD CONSTRAINT owners_pet_fk FOREIGN KEY (pet_id) REFERENCES pets (id)",
                "CREATE TABLE chicken (id INT PRIMARY KEY, egg_id INT NOT NULL)",
                "CREATE TABLE egg (id INT PRIMARY KEY, chicken_id INT NOT NULL,"
                        + " CONSTRAINT egg_chicken_fk FOREIGN KEY (chicken_id) REFERENCES chicken (id))");
    }

    @Override
    CycleStrategy notNullCycleStrategy() {
        return null; // H2's REFERENTIAL_INTEGRITY switch commits the transaction: no all-or-nothing bypass
    }

    @Override
    String[] cycleRows() {
        return new String[] {"SET REFERENTIAL_INTEGRITY FALSE", "INSERT INTO chicken VALUES (55, 555)",
            "INSERT INTO egg VALUES (555, 55)", "SET REFERENTIAL_INTEGRITY TRUE"};
    }
}
