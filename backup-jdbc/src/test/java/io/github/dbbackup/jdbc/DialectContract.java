package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every dialect must do with its database: introspect, snapshot, stream, quote. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DialectContract {

    TestDatabase db;

    /** An auto-increment column definition ({@code BIGSERIAL}, {@code BIGINT AUTO_INCREMENT}, …). */
    abstract String autoIncrementColumn();

    /** A generated column definition computing {@code price * 2} from a numeric {@code price}. */
    abstract String generatedColumn();

    /** The schema name as the dialect reports it by default. */
    abstract String expectedDefaultSchema();

    @BeforeAll
    void createSchema(TestDatabase db) throws Exception {
        this.db = db;
        db.execute(
                "CREATE TABLE parent (id " + autoIncrementColumn() + " PRIMARY KEY, name VARCHAR(40) NOT NULL DEFAULT 'x')",
                "CREATE TABLE child (a INT NOT NULL, b INT NOT NULL, parent_id BIGINT, price NUMERIC(10,2),"
                        + " doubled " + generatedColumn() + ", PRIMARY KEY (b, a),"
                        + " CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id))",
                "CREATE VIEW parent_names AS SELECT name FROM parent",
                "INSERT INTO parent (name) VALUES ('one')",
                "INSERT INTO parent (name) VALUES ('two')");
        for (int i = 0; i < 2500; i++) {
            db.execute("INSERT INTO child (a, b, parent_id, price) VALUES (" + (i % 50) + ", " + (i / 50) + ", 1, 1.25)");
        }
    }

    private SourceSnapshot snapshot() {
        return JdbcSource.of(db.dataSource()).openSnapshot();
    }

    @Test
    void listsBaseTablesButNeverViews() {
        try (SourceSnapshot snapshot = snapshot()) {
            assertThat(snapshot.tables()).extracting(TableSchema::name).containsExactly("child", "parent");
            assertThat(snapshot.info().schema()).isEqualTo(expectedDefaultSchema());
        }
    }

    @Test
    void introspectsKeysDefaultsAutoIncrementAndGeneratedColumns() {
        try (SourceSnapshot snapshot = snapshot()) {
            TableSchema child = snapshot.tables().get(0);
            TableSchema parent = snapshot.tables().get(1);
            assertThat(child.primaryKey()).containsExactly("b", "a");
            assertThat(child.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.columns()).containsExactly("parent_id");
                assertThat(fk.referencedTable()).isEqualTo("parent");
                assertThat(fk.referencedColumns()).containsExactly("id");
            });
            assertThat(child.foreignKeys()).extracting(ForeignKey::name).allMatch(n -> n.equalsIgnoreCase("child_parent_fk"));
            assertThat(child.columnNames()).containsExactly("a", "b", "parent_id", "price", "doubled");
            assertThat(child.column("doubled").orElseThrow().generated()).isTrue();
            assertThat(child.column("price").orElseThrow().generated()).isFalse();
            ColumnSchema id = parent.column("id").orElseThrow();
            assertThat(id.autoIncrement()).isTrue();
            assertThat(id.nullable()).isFalse();
            ColumnSchema name = parent.column("name").orElseThrow();
            assertThat(name.defaultValue()).get().asString().contains("x");
            assertThat(child.column("parent_id").orElseThrow().defaultValue()).isEmpty();
            assertThat(child.column("price").orElseThrow().scale()).isEqualTo(2);
        }
    }

    @Test
    void aSnapshotDoesNotSeeRowsCommittedAfterItStarted() throws Exception {
        try (SourceSnapshot snapshot = snapshot()) {
            TableSchema parent = snapshot.tables().get(1);
            List<Object> before = names(snapshot, parent);
            db.execute("INSERT INTO parent (name) VALUES ('late')");
            try {
                assertThat(names(snapshot, parent)).isEqualTo(before).doesNotContain("late");
            } finally {
                db.execute("DELETE FROM parent WHERE name = 'late'");
            }
        }
    }

    @Test
    void streamsRowsInPrimaryKeyOrder() {
        try (SourceSnapshot snapshot = snapshot()) {
            TableSchema child = snapshot.tables().get(0);
            List<String> keys = new ArrayList<>();
            try (RowCursor cursor = snapshot.rows(new RowQuery(child, child.columns(), child.primaryKey(), ""))) {
                while (cursor.next()) {
                    keys.add(String.format("%05d-%05d", (Long) cursor.value(1), (Long) cursor.value(0)));
                }
            }
            assertThat(keys).hasSize(2500).isSorted();
        }
    }

    @Test
    void rowFilterSelectsRows() {
        try (SourceSnapshot snapshot = snapshot()) {
            TableSchema child = snapshot.tables().get(0);
            int rows = 0;
            try (RowCursor cursor = snapshot.rows(new RowQuery(child, child.columns(), child.primaryKey(), "a < 10"))) {
                while (cursor.next()) {
                    assertThat((Long) cursor.value(0)).isLessThan(10);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(500);
        }
    }

    private static List<Object> names(SourceSnapshot snapshot, TableSchema parent) {
        List<Object> names = new ArrayList<>();
        ColumnSchema name = parent.column("name").orElseThrow();
        try (RowCursor cursor = snapshot.rows(new RowQuery(parent, List.of(name), List.of(), ""))) {
            while (cursor.next()) {
                names.add(cursor.value(0));
            }
        }
        names.sort(null);
        return names;
    }
}
