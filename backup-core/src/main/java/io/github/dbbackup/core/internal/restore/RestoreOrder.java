package io.github.dbbackup.core.internal.restore;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders tables so that referenced tables come before the tables that reference them. Tables in a
 * foreign-key cycle (strongly connected component) are kept together, sorted by name; the restorer
 * breaks the cycle. Ties are broken by name, so the order is stable for the same schema.
 */
public final class RestoreOrder {

    private RestoreOrder() {
    }

    /**
     * Computes the order. Self-references and references to tables outside {@code tables} are
     * ignored.
     *
     * @param tables the tables
     * @return the groups in restore order; a group of more than one table (or a self-referencing
     *     table) is a cycle
     */
    public static List<List<String>> groups(List<TableSchema> tables) {
        Map<String, Set<String>> dependsOn = new TreeMap<>();
        for (TableSchema t : tables) {
            dependsOn.put(t.name(), new TreeSet<>());
        }
        for (TableSchema t : tables) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (!fk.referencedTable().equals(t.name()) && dependsOn.containsKey(fk.referencedTable())) {
                    dependsOn.get(t.name()).add(fk.referencedTable());
                }
            }
        }
        List<List<String>> components = new Tarjan(dependsOn).run();
        Map<String, Integer> componentOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (String name : components.get(i)) {
                componentOf.put(name, i);
            }
        }
        int n = components.size();
        int[] pending = new int[n];
        List<Set<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dependents.add(new TreeSet<>());
        }
        for (int i = 0; i < n; i++) {
            Set<Integer> deps = new TreeSet<>();
            for (String name : components.get(i)) {
                for (String ref : dependsOn.get(name)) {
                    int c = componentOf.get(ref);
                    if (c != i) {
                        deps.add(c);
                    }
                }
            }
            pending[i] = deps.size();
            for (int d : deps) {
                dependents.get(d).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.comparing(i -> components.get(i).get(0)));
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<List<String>> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int c = ready.poll();
            order.add(components.get(c));
            for (int d : dependents.get(c)) {
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
        return order;
    }

    /**
     * Computes the flat order: {@link #groups(List)} concatenated.
     *
     * @param tables the tables
     * @return table names in restore order
     */
    public static List<String> of(List<TableSchema> tables) {
        return groups(tables).stream().flatMap(List::stream).toList();
    }

    /** Tarjan's strongly connected components, iterative over sorted names; each component sorted. */
    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> result = new ArrayList<>();
        private int counter;

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<List<String>> run() {
            for (String v : edges.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return result;
        }

        private void visit(String root) {
            Deque<Object[]> work = new ArrayDeque<>();
            enter(root);
            work.push(new Object[] {root, edges.get(root).iterator()});
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> it = (java.util.Iterator<String>) frame[1];
                if (it.hasNext()) {
                    String w = it.next();
                    if (!index.containsKey(w)) {
                        enter(w);
                        work.push(new Object[] {w, edges.get(w).iterator()});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        List<String> component = new ArrayList<>();
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        component.sort(Comparator.naturalOrder());
                        result.add(component);
                    }
                }
            }
        }

        private void enter(String v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.add(v);
        }
    }
}
