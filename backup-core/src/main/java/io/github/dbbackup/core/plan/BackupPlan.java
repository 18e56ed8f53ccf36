package io.github.dbbackup.core.plan;

import io.github.dbbackup.core.BackupConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which tables and columns a backup holds, which it leaves out and why. Immutable and thread-safe.
 *
 * <p>Two forms:
 * <ul>
 *   <li>explicit ({@link #builder()}): only the tables given with {@link Builder#table(TableSpec)}
 *       are backed up; tables excluded by the policy are recorded with their reason. When the plan
 *       is <em>strict</em> (the default), a database table that is neither included nor excluded
 *       fails the backup before anything is written, so a table added by a migration is never
 *       silently left out. A non-strict plan skips such tables and records them as excluded
 *       ("not in the backup plan").</li>
 *   <li>include-all-except ({@link #allTablesExcept(ExclusionPolicy)}): every base table of the
 *       schema except the excluded ones, as {@code pg_dump} does; specs can still narrow columns.</li>
 * </ul>
 * Either way, a spec or a named exclusion that matches no table or column of the database fails the
 * backup, naming it; and a plan that resolves to no table at all fails the backup (a mistyped schema,
 * or a role that sees no table, must not produce an empty "complete" set) unless it
 * {@linkplain Builder#allowEmptyBackup(boolean) allows an empty backup}.
 *
 * @since 0.1
 */
public final class BackupPlan {

    private final List<TableSpec> tables;
    private final ExclusionPolicy exclusions;
    private final boolean strict;
    private final boolean includeAllOthers;
    private final boolean allowEmpty;

    private BackupPlan(Builder builder) {
        this.tables = List.copyOf(builder.tables.values());
        this.exclusions = builder.exclusions;
        this.strict = builder.strict;
        this.includeAllOthers = builder.includeAllOthers;
        this.allowEmpty = builder.allowEmpty;
    }

    /**
     * Starts an explicit, strict plan.
     *
     * @return a new single-use builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A plan that backs up every base table except those {@code exclusions} excludes.
     *
     * @param exclusions the tables to leave out
     * @return the plan
     */
    public static BackupPlan allTablesExcept(ExclusionPolicy exclusions) {
        return builder().exclude(exclusions).includeAllOtherTables().build();
    }

    /**
     * Returns the table specs, in the order given.
     *
     * @return the specs
     */
    public List<TableSpec> tables() {
        return tables;
    }

    /**
     * Returns the exclusion policy.
     *
     * @return the policy ({@link ExclusionPolicy#none()} when none was given)
     */
    public ExclusionPolicy exclusions() {
        return exclusions;
    }

    /**
     * Returns whether unclassified tables fail the backup.
     *
     * @return {@code true} when strict
     */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Returns whether tables without a spec that are not excluded are backed up whole.
     *
     * @return {@code true} for the include-all-except form
     */
    public boolean includesAllOtherTables() {
        return includeAllOthers;
    }

    /**
     * Returns whether a backup that finds no table to back up may still write an (empty) set.
     *
     * @return {@code true} only when the plan opted in with {@link Builder#allowEmptyBackup(boolean)}
     * @since 0.3
     */
    public boolean allowsEmptyBackup() {
        return allowEmpty;
    }

    /**
     * Builds a {@link BackupPlan}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, TableSpec> tables = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private ExclusionPolicy exclusions = ExclusionPolicy.none();
        private boolean exclusionsSet;
        private boolean strict = true;
        private boolean includeAllOthers;
        private boolean allowEmpty;

        private Builder() {
        }

        /**
         * Backs up a table as {@code spec} says.
         *
         * @param spec the table spec
         * @return this builder
         */
        public Builder table(TableSpec spec) {
            Objects.requireNonNull(spec, "spec");
            String key = spec.table().toLowerCase(Locale.ROOT);
            if (tables.containsKey(key)) {
                problems.add("table '" + spec.table() + "' was given twice; merge the two TableSpecs into one");
            }
            tables.put(key, spec);
            return this;
        }

        /**
         * Backs up each named table whole.
         *
         * @param names the tables
         * @return this builder
         */
        public Builder tables(String... names) {
            for (String name : names) {
                table(TableSpec.of(name));
            }
            return this;
        }

        /**
         * Adds an exclusion policy; several are combined with {@link ExclusionPolicy#or}.
         *
         * @param policy the tables to leave out
         * @return this builder
         */
        public Builder exclude(ExclusionPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            exclusions = exclusionsSet ? exclusions.or(policy) : policy;
            exclusionsSet = true;
            return this;
        }

        /**
         * Leaves one table out, with the reason and the post-restore action.
         *
         * @param table the table
         * @param reason why it is not backed up
         * @param requiredAction what to do after a restore, or an empty string
         * @return this builder
         */
        public Builder excludeTable(String table, String reason, String requiredAction) {
            return exclude(ExclusionPolicy.table(table, reason, requiredAction));
        }

        /**
         * Sets whether a table that is neither included nor excluded fails the backup (default
         * {@code true}).
         *
         * @param strict the flag
         * @return this builder
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Backs up every table that has no spec and is not excluded, with all its columns.
         *
         * @return this builder
         */
        public Builder includeAllOtherTables() {
            this.includeAllOthers = true;
            return this;
        }

        /**
         * Sets whether a backup that resolves to no table at all writes an empty set (default
         * {@code false}: it fails with {@link io.github.dbbackup.core.SchemaMismatchException}, records
         * {@code DATABASE_BACKUP_FAILED} and writes nothing). An empty set becomes the newest set,
         * which retention always keeps while it prunes older ones: opt in only for a schema that is
         * empty on purpose.
         *
         * @param allow the flag
         * @return this builder
         * @since 0.3
         */
        public Builder allowEmptyBackup(boolean allow) {
            this.allowEmpty = allow;
            return this;
        }

        /**
         * Validates and builds the plan, reporting every problem at once.
         *
         * @return the plan
         * @throws BackupConfigurationException when specs contradict themselves
         */
        public BackupPlan build() {
            List<String> all = new ArrayList<>(problems);
            for (TableSpec spec : tables.values()) {
                String t = spec.table();
                if (!spec.columns().isEmpty() && !spec.excludedColumns().isEmpty()) {
                    all.add("table '" + t + "' both lists columns to include " + spec.columns()
                            + " and columns to exclude " + spec.excludedColumns().keySet() + "; use one or the other");
                }
                for (String column : spec.placeholders().keySet()) {
                    if (!spec.excludedColumns().containsKey(column)) {
                        all.add("table '" + t + "' declares a placeholder for column '" + column
                                + "' which is not excluded; call excludeColumn(\"" + column + "\", ...) or drop the placeholder");
                    }
                }
                if (exclusions.decide(t).isExclude()) {
                    all.add("table '" + t + "' is both included by a TableSpec and excluded by the exclusion policy; choose one");
                }
            }
            if (tables.isEmpty() && !includeAllOthers) {
                all.add("the plan includes no table; add table(...) specs or use BackupPlan.allTablesExcept(...)");
            }
            if (!all.isEmpty()) {
                throw new BackupConfigurationException("Invalid backup plan", all);
            }
            return new BackupPlan(this);
        }
    }
}
