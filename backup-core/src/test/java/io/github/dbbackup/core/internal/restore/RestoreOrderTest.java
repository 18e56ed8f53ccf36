package io.github.dbbackup.core.internal.restore;

import static io.github.dbbackup.core.testing.Schemas.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestoreOrderTest {

    /** A table {@code name} with a column per referenced table, each a foreign key to it. */
    private static TableSchema table(String name, String... references) {
        List<ColumnSchema> columns = new ArrayList<>();
        columns.add(column("id", ValueType.INTEGER, false));
        List<ForeignKey> fks = new ArrayList<>();
        for (String ref : references) {
            String col = ref + "_id";
            if (columns.stream().noneMatch(c -> c.name().equals(col))) {
                columns.add(column(col, ValueType.INTEGER));
            }
            fks.add(new ForeignKey("fk_" + name + "_" + ref, List.of(col), ref, List.of("id")));
        }
        return new TableSchema(name, columns, List.of("id"), fks);
    }

    @Test
    void putsReferencedTablesBeforeTheTablesReferencingThem() {
        List<String> order = RestoreOrder.of(List.of(
                table("test_runs", "test_cases", "users"),
                table("test_cases", "test_suites"),
                table("test_suites", "projects"),
                table("projects", "teams"),
                table("users", "teams"),
                table("teams")));

        assertThat(order).containsExactly("teams", "projects", "test_suites", "test_cases", "users", "test_runs");
    }

    @Test
    void breaksTiesByName() {
        assertThat(RestoreOrder.of(List.of(table("c"), table("a"), table("b")))).containsExactly("a", "b", "c");
        // children become ready together and still come out by name
        assertThat(RestoreOrder.of(List.of(table("z_child", "parent"), table("a_child", "parent"), table("parent"),
                table("m_alone")))).containsExactly("m_alone", "parent", "a_child", "z_child");
    }

    @Test
    void prefersTheSmallestReadyNameOverDepthFirstOrder() {
        // b depends on a; c is independent: after a, both b and c are ready and b < c
        assertThat(RestoreOrder.of(List.of(table("c"), table("b", "a"), table("a")))).containsExactly("a", "b", "c");
        // d depends on a; b independent: a, b are ready first; then d
        assertThat(RestoreOrder.of(List.of(table("d", "a"), table("b"), table("a")))).containsExactly("a", "b", "d");
    }

    @Test
    void ignoresSelfReferences() {
        List<List<String>> groups = RestoreOrder.groups(List.of(table("employees", "employees", "departments"),
                table("departments")));

        assertThat(groups).containsExactly(List.of("departments"), List.of("employees"));
    }

    @Test
    void groupsATwoTableCycleTogether() {
        List<List<String>> groups = RestoreOrder.groups(List.of(
                table("users", "teams"),
                table("teams", "users"),
                table("projects", "teams"),
                table("accounts")));

        assertThat(groups).containsExactly(List.of("accounts"), List.of("teams", "users"), List.of("projects"));
        assertThat(RestoreOrder.of(List.of(table("users", "teams"), table("teams", "users"), table("projects", "teams"),
                table("accounts")))).containsExactly("accounts", "teams", "users", "projects");
    }

    @Test
    void ordersAThreeCycleAfterItsParentsAndBeforeItsDependents() {
        List<List<String>> groups = RestoreOrder.groups(List.of(
                table("c", "a", "root"),
                table("a", "b"),
                table("b", "c"),
                table("root"),
                table("leaf", "b"),
                table("leaf2", "leaf", "a"),
                table("aaa_independent")));

        assertThat(groups).containsExactly(
                List.of("aaa_independent"),
                List.of("root"),
                List.of("a", "b", "c"),
                List.of("leaf"),
                List.of("leaf2"));
    }

    @Test
    void keepsTwoSeparateCyclesApart() {
        List<List<String>> groups = RestoreOrder.groups(List.of(
                table("x", "y"), table("y", "x"),
                table("p", "q"), table("q", "p", "x")));

        assertThat(groups).containsExactly(List.of("x", "y"), List.of("p", "q"));
    }

    @Test
    void ignoresReferencesToTablesOutsideTheSet() {
        List<String> order = RestoreOrder.of(List.of(table("orders", "customers", "excluded_table"), table("customers")));

        assertThat(order).containsExactly("customers", "orders");
        assertThat(RestoreOrder.groups(List.of(table("a", "missing")))).containsExactly(List.of("a"));
    }

    @Test
    void treatsSeveralForeignKeysToTheSameTableAsOneDependency() {
        TableSchema transfers = new TableSchema("transfers",
                List.of(column("id", ValueType.INTEGER, false), column("from_id", ValueType.INTEGER),
                        column("to_id", ValueType.INTEGER)),
                List.of("id"),
                List.of(new ForeignKey("f", List.of("from_id"), "accounts", List.of("id")),
                        new ForeignKey("t", List.of("to_id"), "accounts", List.of("id"))));

        assertThat(RestoreOrder.of(List.of(transfers, table("accounts")))).containsExactly("accounts", "transfers");
    }

    @Test
    void returnsEveryTableExactlyOnce() {
        List<TableSchema> tables = schemaOfTwenty();

        List<String> order = RestoreOrder.of(tables);

        assertThat(order).hasSize(tables.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(tables.stream().map(TableSchema::name).toList());
        for (TableSchema t : tables) {
            for (ForeignKey fk : t.foreignKeys()) {
                boolean sameCycle = RestoreOrder.groups(tables).stream()
                        .anyMatch(g -> g.contains(t.name()) && g.contains(fk.referencedTable()));
                if (!sameCycle && order.contains(fk.referencedTable())) {
                    assertThat(order.indexOf(fk.referencedTable())).as("%s before %s", fk.referencedTable(), t.name())
                            .isLessThan(order.indexOf(t.name()));
                }
            }
        }
    }

    @Test
    void isDeterministicRegardlessOfInputOrder() {
        List<TableSchema> tables = schemaOfTwenty();
        List<List<String>> expected = RestoreOrder.groups(tables);
        Random random = new Random(7);

        for (int i = 0; i < 50; i++) {
            List<TableSchema> shuffled = new ArrayList<>(tables);
            Collections.shuffle(shuffled, random);
            assertThat(RestoreOrder.groups(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void handlesAnEmptySet() {
        assertThat(RestoreOrder.of(List.of())).isEmpty();
    }

    @Test
    void handlesALongChainWithoutRecursionLimits() {
        List<TableSchema> chain = new ArrayList<>();
        chain.add(table("t00000"));
        for (int i = 1; i < 5000; i++) {
            chain.add(table(String.format("t%05d", i), String.format("t%05d", i - 1)));
        }
        Collections.reverse(chain);

        List<String> order = RestoreOrder.of(chain);

        assertThat(order).hasSize(5000).isSorted();
    }

    @Test
    void handlesALongCycleWithoutRecursionLimits() {
        List<TableSchema> ring = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ring.add(table(String.format("r%05d", i), String.format("r%05d", (i + 1) % 5000)));
        }

        List<List<String>> groups = RestoreOrder.groups(ring);

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0)).hasSize(5000).isSorted();
    }

    private static List<TableSchema> schemaOfTwenty() {
        return List.of(
                table("teams"),
                table("users", "teams"),
                table("teams_owner_link", "teams", "users"),
                table("projects", "teams", "users"),
                table("test_suites", "projects"),
                table("test_cases", "test_suites", "users"),
                table("test_runs", "test_cases", "users", "environments"),
                table("environments", "projects"),
                table("comments", "comments", "users", "test_runs"),
                table("attachments", "comments"),
                table("a", "b"),
                table("b", "c"),
                table("c", "a", "teams"),
                table("d", "c"),
                table("e"),
                table("f", "e", "outside"),
                table("g", "f", "h"),
                table("h", "g"),
                table("i", "h", "d"),
                table("j"));
    }
}
