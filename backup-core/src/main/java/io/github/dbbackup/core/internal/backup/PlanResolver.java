package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.plan.TableSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link BackupPlan} to the tables a database actually has, before anything is written.
 * Collects every problem (unknown table or column, unclassified table in a strict plan, excluded
 * key column) and reports them together, each naming the table and the fix.
 */
public final class PlanResolver {
    private static final Logger LOG = LoggerFactory.getLogger(PlanResolver.class);

    /**
     * A table to back up: the selected columns and what was left out.
     *
     * @param schema the table with only the selected columns (foreign keys over excluded columns
     *     dropped)
     * @param excludedColumns the columns left out
     * @param rowFilter the row filter, empty for all rows
     */
    public record IncludedTable(TableSchema schema, List<ExcludedColumn> excludedColumns, String rowFilter) {
    }

    /**
     * The plan applied to a database.
     *
     * @param included the tables to back up, sorted by name
     * @param excluded the tables left out, sorted by name
     */
    public record Resolved(List<IncludedTable> included, List<ExcludedTable> excluded) {
    }

    /** How a source names the history rows of a table (SourceSnapshot#objectsNotCarried). */
    private static final String HISTORY = " (history)";

    private PlanResolver() {
    }

    /**
     * Resolves the plan against a source that carries every object it lists.
     *
     * @param plan the plan
     * @param tables every base table of the source, with all columns
     * @param where the source's description, for messages ("schema 'public' of PostgreSQL")
     * @return the resolved plan
     * @throws SchemaMismatchException listing every problem
     */
    public static Resolved resolve(BackupPlan plan, List<TableSchema> tables, String where) {
        return resolve(plan, tables, List.of(), where);
    }

    /**
     * Resolves the plan.
     *
     * @param plan the plan
     * @param tables every base table of the source, with all columns
     * @param notCarried what the source has in scope but cannot carry as rows, with the reason and
     *     the action it proposes ({@link io.github.dbbackup.core.spi.SourceSnapshot#objectsNotCarried()}):
     *     the plan must classify each like a table — a spec naming one fails, an exclusion takes it
     *     (with the source's action when the plan gives none), a strict plan fails on one it does not
     *     exclude, a non-strict plan records it as the source describes it
     * @param where the source's description, for messages ("schema 'public' of PostgreSQL")
     * @return the resolved plan
     * @throws SchemaMismatchException listing every problem
     */
    public static Resolved resolve(BackupPlan plan, List<TableSchema> tables, List<ExcludedTable> notCarried,
            String where) {
        List<String> problems = new ArrayList<>();
        List<String> names = tables.stream().map(TableSchema::name).toList();
        Map<String, ExcludedTable> uncarried = new LinkedHashMap<>();
        notCarried.forEach(x -> uncarried.put(x.table(), x));
        List<String> allNames = new ArrayList<>(names);
        allNames.addAll(uncarried.keySet());

        Map<String, TableSpec> specOf = new LinkedHashMap<>();
        Set<String> namedButNotCarried = new HashSet<>();
        for (TableSpec spec : plan.tables()) {
            Optional<String> match = match(spec.table(), allNames);
            if (match.isEmpty()) {
                problems.add("table '" + spec.table() + "' is in the plan but does not exist in " + where
                        + existing(names));
            } else if (uncarried.containsKey(match.get())) {
                ExcludedTable x = uncarried.get(match.get());
                problems.add("table '" + x.table() + "' is in the plan but cannot be backed up: " + x.reason()
                        + "; exclude it instead: " + exclusionCall(x));
                namedButNotCarried.add(x.table());
            } else {
                specOf.put(match.get(), spec);
            }
        }
        for (String named : plan.exclusions().namedTables()) {
            if (match(named, allNames).isEmpty()) {
                problems.add("table '" + named + "' is excluded by the plan but does not exist in " + where
                        + "; remove it from the plan (or fix its spelling)" + existing(names));
            }
        }

        List<IncludedTable> included = new ArrayList<>();
        List<ExcludedTable> excluded = new ArrayList<>();
        for (TableSchema table : tables) {
            ExclusionPolicy.Decision decision = plan.exclusions().decide(table.name());
            TableSpec spec = specOf.get(table.name());
            if (spec != null && decision.isExclude()) {
                problems.add("table '" + table.name() + "' is both included by a TableSpec and excluded (" + decision.reason()
                        + "); choose one");
            } else if (spec != null) {
                included.add(include(table, spec, problems));
            } else if (decision.isExclude()) {
                excluded.add(new ExcludedTable(table.name(), decision.reason(), decision.requiredAction()));
            } else if (plan.includesAllOtherTables()) {
                included.add(include(table, TableSpec.of(table.name()), problems));
            } else if (plan.isStrict()) {
                problems.add("table '" + table.name() + "' exists in " + where + " but the plan neither includes nor"
                        + " excludes it; add .table(TableSpec.of(\"" + table.name() + "\")) or .excludeTable(\""
                        + table.name() + "\", reason, action) to the plan");
            } else {
                LOG.warn("Table '{}' is not in the backup plan and the plan is not strict: it is NOT backed up", table.name());
                excluded.add(new ExcludedTable(table.name(), "not in the backup plan (non-strict plan)", ""));
            }
        }
        Set<String> includedNames = new HashSet<>();
        included.forEach(t -> includedNames.add(t.schema().name()));
        for (ExcludedTable x : uncarried.values()) {
            ExclusionPolicy.Decision decision = plan.exclusions().decide(x.table());
            String historyOf = x.table().endsWith(HISTORY) ? x.table().substring(0, x.table().length() - HISTORY.length())
                    : null;
            if (historyOf != null && names.contains(historyOf) && !includedNames.contains(historyOf)) {
                continue; // the table itself is left out (and recorded so): its history goes with it
            } else if (decision.isExclude()) {
                String action = decision.requiredAction().isEmpty() ? x.requiredAction() : decision.requiredAction();
                excluded.add(new ExcludedTable(x.table(), decision.reason(), action));
            } else if (namedButNotCarried.contains(x.table())) {
                continue; // reported above
            } else if (plan.isStrict()) {
                problems.add("table '" + x.table() + "' exists in " + where + " but cannot be backed up (" + x.reason()
                        + ") and the plan does not exclude it; add " + exclusionCall(x) + " to the plan");
            } else {
                LOG.warn("'{}' cannot be backed up ({}) and the plan is not strict: it is recorded as excluded",
                        x.table(), x.reason());
                excluded.add(x);
            }
        }
        excluded.sort(java.util.Comparator.comparing(ExcludedTable::table));
        if (!problems.isEmpty()) {
            String summary = problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems:\n  - " + String.join("\n  - ", problems);
            String table = problems.size() == 1 ? singleTable(problems.get(0)) : "";
            throw new SchemaMismatchException(table, "The backup plan does not match the database: " + summary
                    + "\nNothing was written.");
        }
        return new Resolved(List.copyOf(included), List.copyOf(excluded));
    }

    private static String exclusionCall(ExcludedTable x) {
        return ".excludeTable(" + javaString(x.table()) + ", " + javaString(x.reason()) + ", "
                + javaString(x.requiredAction()) + ")";
    }

    private static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String singleTable(String problem) {
        int start = problem.indexOf('\'');
        int end = problem.indexOf('\'', start + 1);
        if (start < 0 || end <= start) {
            return "";
        }
        String name = problem.substring(start + 1, end);
        if (problem.startsWith("column '")) { // quoted as 'table.column': the table is what precedes the last dot
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(0, dot) : "";
        }
        return name;
    }

    private static IncludedTable include(TableSchema table, TableSpec spec, List<String> problems) {
        List<String> columnNames = table.columnNames();
        Set<String> selectedNames = new HashSet<>();
        if (spec.columns().isEmpty()) {
            selectedNames.addAll(columnNames);
        } else {
            for (String c : spec.columns()) {
                resolveColumn(table, c, columnNames, problems).ifPresent(selectedNames::add);
            }
        }
        List<ExcludedColumn> excludedColumns = new ArrayList<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        spec.placeholders().forEach((c, v) -> resolveColumn(table, c, columnNames, problems)
                .ifPresent(name -> placeholders.put(name, v)));
        for (Map.Entry<String, String> x : spec.excludedColumns().entrySet()) {
            resolveColumn(table, x.getKey(), columnNames, problems).ifPresent(name -> {
                selectedNames.remove(name);
                ColumnSchema column = table.column(name).orElseThrow();
                excludedColumns.add(new ExcludedColumn(column, placeholders.get(name), x.getValue()));
                if (!column.nullable() && column.defaultExpression() == null && placeholders.get(name) == null
                        && !column.autoIncrement() && !column.generated()) {
                    LOG.warn("Column '{}.{}' is excluded, NOT NULL, and has neither a default nor a placeholder:"
                            + " a restore will refuse it until the plan declares .placeholder(\"{}\", value)",
                            table.name(), name, name);
                }
            });
        }
        if (!spec.columns().isEmpty()) {
            for (ColumnSchema c : table.columns()) {
                if (!selectedNames.contains(c.name())) {
                    excludedColumns.add(new ExcludedColumn(c, null, ""));
                }
            }
        }
        for (String pk : table.primaryKey()) {
            if (!selectedNames.contains(pk)) {
                problems.add("column '" + table.name() + "." + pk + "' is part of the primary key and cannot be"
                        + " excluded; a restore needs it to order and merge rows");
            }
        }
        List<ColumnSchema> selected = table.columns().stream().filter(c -> selectedNames.contains(c.name())).toList();
        if (selected.isEmpty()) {
            problems.add("table '" + table.name() + "' would be backed up with no column; include at least one");
            selected = table.columns();
        }
        List<ForeignKey> fks = table.foreignKeys().stream()
                .filter(fk -> selectedNames.containsAll(fk.columns()))
                .toList();
        TableSchema schema = new TableSchema(table.name(), selected, table.primaryKey(), fks);
        return new IncludedTable(schema, excludedColumns, spec.rowFilter());
    }

    private static Optional<String> resolveColumn(TableSchema table, String name, List<String> columnNames,
            List<String> problems) {
        Optional<String> match = match(name, columnNames);
        if (match.isEmpty()) {
            problems.add("column '" + table.name() + "." + name + "' is in the plan but table '" + table.name()
                    + "' has no such column" + existing(columnNames));
        }
        return match;
    }

    /**
     * Finds {@code name} among {@code candidates}: exactly, else case-insensitively when exactly
     * one candidate matches.
     *
     * @param name the name from the plan
     * @param candidates the names the database has
     * @return the database's name, empty when none or several match
     */
    public static Optional<String> match(String name, Collection<String> candidates) {
        if (candidates.contains(name)) {
            return Optional.of(name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> ci = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(lower)).toList();
        return ci.size() == 1 ? Optional.of(ci.get(0)) : Optional.empty();
    }

    private static String existing(List<String> names) {
        if (names.isEmpty()) {
            return " (it has none)";
        }
        List<String> shown = names.size() > 30 ? names.subList(0, 30) : names;
        return " (it has: " + String.join(", ", shown) + (names.size() > 30 ? ", …" : "") + ")";
    }

}
