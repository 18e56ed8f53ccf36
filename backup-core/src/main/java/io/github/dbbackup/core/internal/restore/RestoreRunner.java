package io.github.dbbackup.core.internal.restore;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.SafeAudit;
import io.github.dbbackup.core.internal.backup.PlanResolver;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestorePlan;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.RestoreSession;
import io.github.dbbackup.core.spi.RestoreTarget;
import io.github.dbbackup.core.spi.RowSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one restore: manifest, preflight against the target schema, writes in foreign-key order in
 * one transaction, checks, commit, audit. Any failure before commit rolls back.
 */
public final class RestoreRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRunner.class);
    private static final Set<ValueType> TEXTUAL = EnumSet.of(ValueType.STRING, ValueType.JSON, ValueType.OTHER);

    private final BlobStore store;
    private final Listeners listeners;
    private final RestoreTarget target;
    private final AuditSink audit;
    private final Clock clock;
    private final RestoreOptions options;

    /**
     * Creates a runner.
     *
     * @param store where the set is
     * @param target where to restore
     * @param audit where events go
     * @param clock what "now" is
     * @param options how to restore
     */
    public RestoreRunner(BlobStore store, RestoreTarget target, AuditSink audit, Clock clock, RestoreOptions options,
            Listeners listeners) {
        this.store = store;
        this.listeners = listeners;
        this.target = target;
        this.audit = audit;
        this.clock = clock;
        this.options = options;
    }

    /** One backed-up table matched to its target table. */
    private record Step(BackedUpTable backup, TableSchema target, List<Integer> sourceIndexes, List<ColumnSchema> columns,
            Map<ColumnSchema, String> constants, List<ColumnSchema> nullThenUpdate) {
    }

    /** Everything the preflight decided. */
    private record Preparation(RestorePlan plan, List<Step> steps, Map<String, List<ForeignKey>> bypassed,
            CycleStrategy bypass, boolean defer, List<TableSchema> targetTables, List<String> warnings) {
    }

    /**
     * Validates and plans without writing.
     *
     * @param backupId the set
     * @return the plan
     */
    public RestorePlan preflight(String backupId) {
        BackupReader set = BackupReader.open(store, backupId);
        try (RestoreSession session = target.open()) {
            return prepare(set.manifest(), session).plan();
        }
    }

    /**
     * Restores with every check, then rolls back instead of committing.
     *
     * @param backupId the set
     * @return the report of the rolled-back restore
     */
    public RestoreReport testRestore(String backupId) {
        long start = System.nanoTime();
        BackupReader set = BackupReader.open(store, backupId);
        try (RestoreSession session = target.open()) {
            return execute(set, session, prepare(set.manifest(), session), start, false);
        }
    }

    /**
     * Restores.
     *
     * @param backupId the set
     * @return the report
     */
    public RestoreReport restore(String backupId) {
        long start = System.nanoTime();
        LOG.info("{}: restore started", backupId);
        try {
            BackupReader set = BackupReader.open(store, backupId);
            RestoreReport report;
            try (RestoreSession session = target.open()) {
                Preparation prep = prepare(set.manifest(), session);
                report = execute(set, session, prep, start, true);
            }
            LOG.info("{}: restore committed: {} rows into {} tables in {} ms", backupId, report.totalRows(),
                    report.rowsWritten().size(), report.duration().toMillis());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("tables", report.rowsWritten().size());
            details.put("rows", report.totalRows());
            details.put("mode", options.mode().name());
            details.put("durationMs", report.duration().toMillis());
            details.put("warnings", report.warnings().size());
            SafeAudit.record(audit, new AuditEvent(AuditAction.DATABASE_RESTORE_COMPLETED, clock.instant(),
                    backupId, details));
            return report;
        } catch (RuntimeException e) {
            BackupException failure = e instanceof BackupException be ? be
                    : new BackupException("Restore of '" + backupId + "' failed unexpectedly: " + e, e);
            LOG.error("{}: restore failed and was rolled back: {}", backupId, failure.getMessage());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cause", failure.getMessage());
            details.put("type", failure.getClass().getSimpleName());
            details.put("durationMs", Duration.ofNanos(System.nanoTime() - start).toMillis());
            SafeAudit.record(audit, new AuditEvent(AuditAction.DATABASE_RESTORE_FAILED, clock.instant(),
                    backupId, details));
            throw failure;
        }
    }

    private Preparation prepare(Manifest manifest, RestoreSession session) {
        List<String> problems = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean sameProduct = manifest.source().product().equalsIgnoreCase(session.info().product());
        String where = "schema '" + session.info().schema() + "' of the target " + session.info().product();
        List<TableSchema> targetTables = session.tables();
        Map<String, TableSchema> targetByName = new LinkedHashMap<>();
        targetTables.forEach(t -> targetByName.put(t.name(), t));

        List<Step> steps = new ArrayList<>();
        for (String name : manifest.restoreOrder()) {
            BackedUpTable backup = manifest.table(name).orElseThrow();
            Optional<String> match = PlanResolver.match(name, targetByName.keySet());
            if (match.isEmpty()) {
                mismatch(problems, decisions, "table '" + name + "' is in the backup but not in " + where
                        + "; create it (run the schema migrations) before restoring", "table '" + name
                        + "' is in the backup but not in the target: skipped");
                continue;
            }
            Step step = matchColumns(backup, targetByName.get(match.get()), session, problems, decisions);
            if (step != null) {
                checkWidths(step, sameProduct, problems, decisions, warnings);
            }
            if (step != null) {
                steps.add(step);
            }
        }
        Set<String> known = new HashSet<>();
        steps.forEach(s -> known.add(s.target().name().toLowerCase(java.util.Locale.ROOT)));
        manifest.excludedTables().forEach(x -> known.add(x.table().toLowerCase(java.util.Locale.ROOT)));
        manifest.tables().forEach(t -> known.add(t.name().toLowerCase(java.util.Locale.ROOT)));
        for (TableSchema t : targetTables) {
            if (!known.contains(t.name().toLowerCase(java.util.Locale.ROOT))) {
                mismatch(problems, decisions, "table '" + t.name() + "' exists in " + where + " but the backup"
                        + " neither holds nor excludes it; restore leniently to leave it untouched",
                        "table '" + t.name() + "' is not in the backup: left untouched");
            }
        }
        checkMode(session, steps, targetTables, problems);
        if (options.disableTriggers()) {
            for (Step s : steps) {
                List<String> triggers = session.triggersThatKeepFiring(s.target().name());
                if (!triggers.isEmpty()) {
                    problems.add("table '" + s.target().name() + "' has triggers " + String.join(", ", triggers) + " that "
                            + session.info().product() + " cannot keep from firing during the restore (they would change"
                            + " the restored rows or fail the restore); drop them before restoring and re-create them"
                            + " afterwards (SHOW CREATE TRIGGER gives each definition), or let them fire with"
                            + " RestoreOptions.withDisableTriggers(false) (CLI: --triggers keep)");
                }
            }
        }

        // Order and cycles over the target's foreign keys among restored tables.
        Map<String, Step> stepByName = new LinkedHashMap<>();
        steps.forEach(s -> stepByName.put(s.target().name(), s));
        List<TableSchema> restored = steps.stream().map(Step::target).toList();
        List<Step> ordered = new ArrayList<>();
        List<RestorePlan.Cycle> cycles = new ArrayList<>();
        Map<String, List<ForeignKey>> bypassed = new LinkedHashMap<>();
        CycleStrategy bypass = null;
        boolean defer = false;
        for (List<String> group : RestoreOrder.groups(restored)) {
            List<TableSchema> members = group.stream().map(n -> stepByName.get(n).target()).toList();
            Map<String, List<ForeignKey>> cycleFks = new LinkedHashMap<>();
            for (TableSchema t : members) {
                List<ForeignKey> inside = t.foreignKeys().stream().filter(fk -> group.contains(fk.referencedTable())).toList();
                if (!inside.isEmpty()) {
                    cycleFks.put(t.name(), inside);
                }
            }
            if (cycleFks.isEmpty()) {
                group.forEach(n -> ordered.add(stepByName.get(n)));
                continue;
            }
            boolean allDeferrable = cycleFks.entrySet().stream()
                    .allMatch(e -> e.getValue().stream().allMatch(fk -> session.isDeferrable(e.getKey(), fk)));
            if (allDeferrable) {
                defer = true;
                cycles.add(new RestorePlan.Cycle(group, CycleStrategy.DEFERRED_CONSTRAINTS));
                group.forEach(n -> ordered.add(stepByName.get(n)));
                continue;
            }
            // Nullable foreign keys inside the cycle are written as NULL first; what remains must be acyclic.
            List<TableSchema> remaining = new ArrayList<>();
            Map<String, List<ColumnSchema>> nulled = new LinkedHashMap<>();
            for (TableSchema t : members) {
                Step step = stepByName.get(t.name());
                List<ForeignKey> keep = new ArrayList<>();
                for (ForeignKey fk : t.foreignKeys()) {
                    boolean inCycle = group.contains(fk.referencedTable());
                    List<ColumnSchema> fkColumns = fk.columns().stream()
                            .map(c -> step.columns().stream().filter(x -> x.name().equals(c)).findFirst().orElse(null))
                            .toList();
                    boolean nullable = fkColumns.stream().allMatch(c -> c != null && c.nullable());
                    if (inCycle && nullable && !t.primaryKey().isEmpty()) {
                        fkColumns.forEach(c -> {
                            List<ColumnSchema> list = nulled.computeIfAbsent(t.name(), k -> new ArrayList<>());
                            if (!list.contains(c)) {
                                list.add(c);
                            }
                        });
                    } else {
                        keep.add(fk);
                    }
                }
                remaining.add(new TableSchema(t.name(), t.columns(), t.primaryKey(), keep));
            }
            List<List<String>> inner = RestoreOrder.groups(remaining);
            boolean acyclic = inner.stream().allMatch(g -> g.size() == 1 && remaining.stream()
                    .filter(t -> t.name().equals(g.get(0))).findFirst().orElseThrow().foreignKeys().stream()
                    .noneMatch(fk -> fk.referencedTable().equals(g.get(0))));
            if (acyclic) {
                cycles.add(new RestorePlan.Cycle(group, CycleStrategy.NULL_THEN_UPDATE));
                for (List<String> g : inner) {
                    Step s = stepByName.get(g.get(0));
                    List<ColumnSchema> cols = nulled.getOrDefault(s.target().name(), List.of());
                    ordered.add(new Step(s.backup(), s.target(), s.sourceIndexes(), s.columns(), s.constants(), cols));
                }
                continue;
            }
            List<CycleStrategy> offered = session.bypassStrategies(group);
            if (offered.isEmpty()) {
                problems.add("tables " + group + " form a foreign-key cycle that NULL cannot break (NOT NULL columns "
                        + describe(cycleFks) + ") and " + session.info().product() + " offers this role no way to"
                        + " defer or bypass it; make one of these constraints DEFERRABLE, make a column nullable, or"
                        + " restore as the tables' owner or a superuser");
                group.forEach(n -> ordered.add(stepByName.get(n)));
                continue;
            }
            bypass = offered.get(0);
            bypassed.putAll(cycleFks);
            cycles.add(new RestorePlan.Cycle(group, bypass));
            group.forEach(n -> ordered.add(stepByName.get(n)));
        }
        checkAccess(session, ordered, problems, decisions);
        if (!problems.isEmpty()) {
            String summary = problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems:\n  - " + String.join("\n  - ", problems);
            throw new SchemaMismatchException("", "Cannot restore '" + manifest.id() + "' into " + where + ": "
                    + summary + "\nNothing was written.");
        }
        if (!manifest.consistent()) {
            decisions.add("set '" + manifest.id() + "' was exported through separate snapshots (parallel export"
                    + " allowed to be inconsistent): its tables are not one point in time, and a foreign key may"
                    + " reference a row it lacks, which the integrity check would refuse");
        }
        List<RestorePlan.TableStep> tableSteps = ordered.stream().map(s -> new RestorePlan.TableStep(s.target().name(),
                s.backup().rows(), s.columns().stream().map(ColumnSchema::name).toList(),
                s.nullThenUpdate().stream().map(ColumnSchema::name).toList())).toList();
        RestorePlan plan = new RestorePlan(manifest.id(), options.mode(), tableSteps, cycles, decisions,
                checklist(manifest));
        return new Preparation(plan, ordered, bypassed, bypass, defer, targetTables, warnings);
    }

    /** The role's privileges for every planned step, and row-level security on the restored tables. */
    private void checkAccess(RestoreSession session, List<Step> ordered, List<String> problems, List<String> decisions) {
        problems.addAll(PrivilegeCheck.problems(session, options.mode(), ordered.stream()
                .map(st -> new PrivilegeCheck.Table(st.target().name(), st.target().columns(), !st.nullThenUpdate().isEmpty()))
                .toList()));
        ordered.stream().filter(st -> session.isRowSecurityActive(st.target().name())).forEach(st -> decisions.add(
                "row-level security applies to this role on table '" + st.target().name() + "': rows are written with"
                        + " INSERT, its policies decide which rows the checks see"));
    }

    private static String describe(Map<String, List<ForeignKey>> fks) {
        List<String> parts = new ArrayList<>();
        fks.forEach((t, list) -> list.forEach(fk -> parts.add(t + "." + String.join(",", fk.columns()) + " → "
                + fk.referencedTable())));
        return String.join("; ", parts);
    }

    private void mismatch(List<String> problems, List<String> decisions, String strictProblem, String lenientDecision) {
        if (options.strict()) {
            problems.add(strictProblem);
        } else {
            decisions.add(lenientDecision);
        }
    }

    private Step matchColumns(BackedUpTable backup, TableSchema target, RestoreSession session, List<String> problems,
            List<String> decisions) {
        String table = target.name();
        Set<String> generated = session.generatedColumns(table);
        List<Integer> indexes = new ArrayList<>();
        List<ColumnSchema> columns = new ArrayList<>();
        List<ColumnSchema> backupColumns = backup.schema().columns();
        List<String> targetNames = target.columnNames();
        Set<String> written = new HashSet<>();
        for (int i = 0; i < backupColumns.size(); i++) {
            ColumnSchema source = backupColumns.get(i);
            Optional<String> match = PlanResolver.match(source.name(), targetNames);
            if (match.isEmpty()) {
                mismatch(problems, decisions, "column '" + table + "." + source.name() + "' is in the backup but not in"
                        + " the target table; add it, or restore leniently to drop its values",
                        "column '" + table + "." + source.name() + "' is not in the target: its values are dropped");
                continue;
            }
            ColumnSchema column = target.column(match.get()).orElseThrow();
            if (column.generated() || generated.contains(column.name())) {
                decisions.add("column '" + table + "." + column.name() + "' is generated by the target: not written");
                written.add(column.name());
                continue;
            }
            if (!compatible(source, column)) {
                mismatch(problems, decisions, "column '" + table + "." + column.name() + "' was " + source.typeName() + " ("
                        + source.valueType() + ") in the backup but is " + column.typeName() + " (" + column.valueType()
                        + ") in the target; migrate the target to a compatible type",
                        "column '" + table + "." + column.name() + "' has an incompatible type: its values are dropped");
                if (!options.strict() && needsValue(column)) {
                    problems.add("column '" + table + "." + column.name() + "' has an incompatible type and is NOT NULL"
                            + " without a default in the target, so its values cannot be dropped; migrate the target"
                            + " to a compatible type");
                }
                written.add(column.name()); // a mismatch, not a column that exists only in the target
                continue;
            }
            indexes.add(i);
            columns.add(column);
            written.add(column.name());
        }
        Map<ColumnSchema, String> constants = new LinkedHashMap<>();
        for (ExcludedColumn excluded : backup.excludedColumns()) {
            Optional<String> match = PlanResolver.match(excluded.column().name(), targetNames);
            if (match.isEmpty()) {
                continue;
            }
            ColumnSchema column = target.column(match.get()).orElseThrow();
            written.add(column.name());
            if (excluded.placeholder() != null) {
                constants.put(column, excluded.placeholder());
                decisions.add("column '" + table + "." + column.name() + "' was not backed up: every row gets the"
                        + " placeholder '" + excluded.placeholder() + "'");
            } else if (needsValue(column)) {
                problems.add("column '" + table + "." + column.name() + "' is NOT NULL without a default in the target,"
                        + " and the backup excluded it without a placeholder; declare one in the backup plan"
                        + " (.placeholder(\"" + column.name() + "\", value)) or give the column a default");
            }
        }
        for (ColumnSchema column : target.columns()) {
            if (written.contains(column.name())) {
                continue;
            }
            if (needsValue(column)) {
                problems.add("column '" + table + "." + column.name() + "' exists only in the target, is NOT NULL and has"
                        + " no default; give it a default or make it nullable before restoring");
            } else {
                mismatch(problems, decisions, "column '" + table + "." + column.name() + "' exists only in the target;"
                        + " restore leniently to let it take its default",
                        "column '" + table + "." + column.name() + "' exists only in the target: it takes its default");
            }
        }
        return new Step(backup, target, indexes, columns, constants, List.of());
    }

    /**
     * Refuses (strict) or warns about (lenient) every target column that cannot hold all backed-up
     * values exactly.
     */
    private void checkWidths(Step step, boolean sameProduct, List<String> problems, List<String> decisions,
            List<String> warnings) {
        List<ColumnSchema> sources = step.backup().schema().columns();
        for (int i = 0; i < step.columns().size(); i++) {
            ColumnSchema column = step.columns().get(i);
            Optional<String> narrower = ColumnFit.narrowing(sources.get(step.sourceIndexes().get(i)), column, sameProduct);
            if (narrower.isEmpty()) {
                continue;
            }
            String what = "column '" + step.target().name() + "." + column.name() + "': " + narrower.get();
            if (options.strict()) {
                problems.add(what + "; widen the target column, or restore leniently to accept rounded or truncated"
                        + " values");
            } else {
                decisions.add(what + ": values may be rounded or truncated");
                warnings.add(what + ": restored leniently, values may have been rounded or truncated");
            }
        }
    }

    private static boolean needsValue(ColumnSchema column) {
        return !column.nullable() && column.defaultExpression() == null && !column.autoIncrement() && !column.generated();
    }

    private static boolean compatible(ColumnSchema source, ColumnSchema target) {
        ValueType s = source.valueType();
        ValueType t = target.valueType();
        if (s == t) {
            return s != ValueType.ARRAY || source.elementType() == target.elementType()
                    || TEXTUAL.contains(source.elementType()) || TEXTUAL.contains(target.elementType());
        }
        if (TEXTUAL.contains(s) && TEXTUAL.contains(t)) {
            return true;
        }
        // Text forms restore through a cast; exact numbers widen; booleans and small integers interchange.
        return t == ValueType.OTHER || s == ValueType.OTHER
                || (s == ValueType.INTEGER && (t == ValueType.DECIMAL || t == ValueType.FLOAT || t == ValueType.BOOLEAN))
                || (s == ValueType.BOOLEAN && t == ValueType.INTEGER);
    }

    private void checkMode(RestoreSession session, List<Step> steps, List<TableSchema> targetTables, List<String> problems) {
        List<String> restored = steps.stream().map(s -> s.target().name()).toList();
        switch (options.mode()) {
            case EMPTY_ONLY -> {
                for (Step s : steps) {
                    long rows = session.countRows(s.target().name());
                    if (rows > 0) {
                        problems.add("table '" + s.target().name() + "' has " + rows + " rows; EMPTY_ONLY restores into"
                                + " empty tables only: empty it, or choose UPSERT or REPLACE");
                    }
                }
            }
            case UPSERT -> {
                for (Step s : steps) {
                    if (s.target().primaryKey().isEmpty()) {
                        problems.add("table '" + s.target().name() + "' has no primary key, which UPSERT merges on;"
                                + " add one or use EMPTY_ONLY/REPLACE");
                    }
                }
            }
            case REPLACE -> {
                if (!options.allowReplaceWithReferences()) {
                    problems.addAll(ReplaceGuard.problems(session, List.copyOf(restored), targetTables));
                }
            }
            default -> throw new IllegalStateException("unhandled mode " + options.mode());
        }
    }

    private static List<String> checklist(Manifest manifest) {
        List<String> items = new ArrayList<>();
        for (ExcludedTable x : manifest.excludedTables()) {
            items.add(x.table() + " was not backed up (" + x.reason() + ")" + x.action().map(a -> ": " + a).orElse(""));
        }
        for (BackedUpTable t : manifest.tables()) {
            for (ExcludedColumn x : t.excludedColumns()) {
                String value = x.restorePlaceholder().map(p -> "restored as '" + p + "'").orElse("restored as its default");
                items.add(t.name() + "." + x.column().name() + " was not backed up (" + value + ")"
                        + (x.requiredAction().isEmpty() ? "" : ": " + x.requiredAction()));
            }
        }
        return items;
    }

    private RestoreReport execute(BackupReader set, RestoreSession session, Preparation prep, long start, boolean commit) {
        List<String> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>(prep.warnings());
        List<Step> steps = prep.steps();
        List<String> tables = steps.stream().map(s -> s.target().name()).toList();
        if (options.disableTriggers()) {
            for (String t : session.disableTriggers(tables)) {
                warnings.add("triggers of '" + t + "' stayed on: " + session.info().product()
                        + " cannot disable them for this role; values they set (e.g. updated_at) may differ from the backup");
            }
        }
        if (prep.defer()) {
            session.deferConstraints();
        }
        if (prep.bypass() != null) {
            session.bypassForeignKeys(prep.bypass(), prep.bypassed());
        } else if (options.mode() != RestoreMode.UPSERT) {
            // Loading into emptied tables: check the foreign keys once at the end instead of per row.
            Map<String, List<ForeignKey>> own = new LinkedHashMap<>();
            steps.forEach(st -> {
                if (!st.target().foreignKeys().isEmpty()) {
                    own.put(st.target().name(), st.target().foreignKeys());
                }
            });
            if (session.deferForeignKeyChecks(own)) {
                checks.add("foreign keys of " + own.size() + " tables checked in bulk when re-added before commit,"
                        + " not row by row");
                if (steps.stream().anyMatch(st -> !st.nullThenUpdate().isEmpty())) {
                    // No key is checked while loading, so cycles need no NULL-then-UPDATE pass.
                    steps = steps.stream().map(st -> new Step(st.backup(), st.target(), st.sourceIndexes(), st.columns(),
                            st.constants(), List.of())).toList();
                    checks.add("foreign-key cycles written in one pass (their keys are checked in bulk)");
                }
            }
        }
        if (options.mode() == RestoreMode.REPLACE) {
            for (Step s : steps) {
                if (!s.nullThenUpdate().isEmpty()) {
                    session.nullColumns(s.target().name(), s.nullThenUpdate().stream().map(ColumnSchema::name).toList());
                }
            }
            for (int i = steps.size() - 1; i >= 0; i--) {
                session.deleteAll(steps.get(i).target().name());
            }
        }
        Map<String, Long> written = new LinkedHashMap<>();
        for (Step s : steps) {
            written.put(s.target().name(), writeTable(set, session, s));
        }
        for (Step s : steps) {
            if (!s.nullThenUpdate().isEmpty()) {
                long updated = updateNulled(set, session, s);
                checks.add("cycle columns of '" + s.target().name() + "' set after all rows were in: " + updated + " rows");
            }
        }
        session.finish();
        checks.addAll(session.writeNotes());
        if (options.mode() != RestoreMode.UPSERT) {
            for (Step s : steps) {
                long rows = session.countRows(s.target().name());
                if (rows != s.backup().rows()) {
                    throw new BackupException("Table '" + s.target().name() + "' holds " + rows + " rows after the restore"
                            + " but the backup has " + s.backup().rows() + " (a trigger or rule may have changed them);"
                            + " nothing was committed");
                }
            }
            checks.add("row counts equal the manifest in all " + steps.size() + " tables");
        }
        if (!prep.bypassed().isEmpty()) {
            // A bypass switches checks off for the whole session, not just the cycle: check every foreign
            // key that touches a restored table, from inside or outside the backup.
            Set<String> restoredNames = new HashSet<>(tables);
            int checked = 0;
            for (TableSchema t : prep.targetTables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    if (!restoredNames.contains(t.name()) && !restoredNames.contains(fk.referencedTable())) {
                        continue;
                    }
                    long violations = session.countForeignKeyViolations(t.name(), fk);
                    if (violations > 0) {
                        throw new BackupException(violations + " rows of '" + t.name() + "' reference missing rows of '"
                                + fk.referencedTable() + "' through " + String.join(",", fk.columns())
                                + " after the restore; nothing was committed");
                    }
                    checked++;
                }
            }
            checks.add("foreign-key integrity checked by query for all " + checked + " constraints touching the restored"
                    + " tables (constraints were bypassed for " + prep.bypassed().keySet() + ")");
        } else {
            checks.add("foreign keys enforced by the database throughout");
        }
        for (Step s : steps) {
            checks.addAll(session.resetSequences(s.target().name(), s.target().columns()));
        }
        if (commit) {
            session.commit();
        } else {
            checks.add("test restore: rolled back, the target is as it was");
        }
        return new RestoreReport(prep.plan(), written, checks, warnings, Duration.ofNanos(System.nanoTime() - start));
    }

    private long writeTable(BackupReader set, RestoreSession session, Step step) {
        List<ColumnSchema> columns = step.columns();
        int[] from = step.sourceIndexes().stream().mapToInt(Integer::intValue).toArray();
        boolean[] nulled = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            nulled[i] = step.nullThenUpdate().contains(columns.get(i));
        }
        Object[] values = new Object[columns.size()];
        try (RowSink sink = session.insert(step.target().name(), columns, options.mode(), step.target().primaryKey(),
                step.constants())) {
            return set.forEachRow(step.backup().name(), row -> {
                for (int i = 0; i < from.length; i++) {
                    values[i] = nulled[i] ? null : row[from[i]];
                }
                sink.accept(values);
            });
        }
    }

    private long updateNulled(BackupReader set, RestoreSession session, Step step) {
        List<ColumnSchema> columns = step.columns();
        List<ColumnSchema> keys = step.target().primaryKey().stream()
                .map(k -> columns.stream().filter(c -> c.name().equals(k)).findFirst().orElseThrow(() -> new BackupException(
                        "Primary key column '" + step.target().name() + "." + k + "' is not in the backup; cannot set"
                                + " the cycle's foreign keys after the insert")))
                .toList();
        int[] keyFrom = keys.stream().mapToInt(k -> step.sourceIndexes().get(columns.indexOf(k))).toArray();
        int[] setFrom = step.nullThenUpdate().stream().mapToInt(c -> step.sourceIndexes().get(columns.indexOf(c))).toArray();
        Object[] values = new Object[keyFrom.length + setFrom.length];
        long[] updated = {0};
        try (RowSink sink = session.update(step.target().name(), keys, step.nullThenUpdate())) {
            set.forEachRow(step.backup().name(), row -> {
                boolean any = false;
                for (int i = 0; i < setFrom.length; i++) {
                    values[keyFrom.length + i] = row[setFrom[i]];
                    any |= row[setFrom[i]] != null;
                }
                if (any) {
                    for (int i = 0; i < keyFrom.length; i++) {
                        values[i] = row[keyFrom[i]];
                    }
                    sink.accept(values);
                    updated[0]++;
                }
            });
        }
        return updated[0];
    }
}
