package io.github.dbbackup.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.plan.TableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a backup plan from a JSON plan file ({@code docs/PLAN-FILE.md} is the reference). Every
 * problem names the file, the JSON path ({@code $.tables[2].excludeColumns[0].column}) and the fix.
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "strict": true,
 *   "tables": [
 *     "teams",
 *     { "table": "users",
 *       "excludeColumns": [ { "column": "password_hash", "action": "Every user must reset their password",
 *                             "placeholder": "RESET_REQUIRED" } ] },
 *     { "table": "projects", "where": "deleted_at IS NULL" }
 *   ],
 *   "excludeTables": [ { "table": "session", "reason": "Ephemeral login sessions", "action": "Users sign in again" } ],
 *   "excludeTablesMatching": [ { "pattern": "tmp_.*", "reason": "Scratch tables" } ]
 * }
 * }</pre>
 */
final class PlanFile {

    /** The only plan file version this CLI reads. */
    static final int VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1_000_000).build())
            .build();
    private static final String SEE = " (see docs/PLAN-FILE.md)";
    private static final Set<String> ROOT_KEYS = Set.of("version", "description", "strict", "includeAllOtherTables",
            "allowEmptyBackup", "tables", "excludeTables", "excludeTablesMatching");
    private static final Set<String> TABLE_KEYS = Set.of("table", "columns", "excludeColumns", "where");
    private static final Set<String> COLUMN_KEYS = Set.of("column", "action", "placeholder");
    private static final Set<String> EXCLUDE_KEYS = Set.of("table", "reason", "action");
    private static final Set<String> MATCHING_KEYS = Set.of("pattern", "reason");
    /** Stands for JSON {@code null} in the tree (maps of the tree never hold Java nulls). */
    private static final Object NULL = new Object();

    private final String file;

    private PlanFile(String file) {
        this.file = file;
    }

    /**
     * Reads and validates a plan file.
     *
     * @param path the file
     * @return the plan
     * @throws CommandFailedException naming the file, the JSON path and the fix when the file is
     *     missing, unreadable, not JSON, or not a valid plan
     */
    static BackupPlan read(Path path) {
        PlanFile reader = new PlanFile(path.toString());
        Object tree;
        try (InputStream in = Files.newInputStream(path)) {
            tree = reader.parse(in);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("Plan file '" + path + "' does not exist; check --plan");
        } catch (IOException e) {
            throw new CommandFailedException("Plan file '" + path + "' cannot be read: " + e.getMessage()
                    + "; check --plan and the file's permissions", e);
        }
        return reader.plan(tree);
    }

    /**
     * Reads a plan from JSON text (for tests and for plans kept in resources).
     *
     * @param name how messages name the plan
     * @param in the JSON; not closed
     * @return the plan
     * @throws CommandFailedException when the JSON is not a valid plan
     * @throws IOException when reading fails
     */
    static BackupPlan read(String name, InputStream in) throws IOException {
        PlanFile reader = new PlanFile(name);
        return reader.plan(reader.parse(in));
    }

    // ---- JSON text -> tree of Map / List / String / Number / Boolean / NULL

    private Object parse(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            try {
                if (p.nextToken() == null) {
                    throw invalid("$", "the file is empty; it must hold one JSON object");
                }
                Object tree = value(p);
                if (p.nextToken() != null) {
                    throw invalid("$", "there is more content after the plan object (line " + p.currentLocation().getLineNr()
                            + "); a plan file holds exactly one JSON object");
                }
                return tree;
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
                throw invalid(path(p.getParsingContext().pathAsPointer()), "it is not valid JSON" + where + ": "
                        + e.getOriginalMessage().replaceAll("\\s+", " ") + "; fix the syntax");
            }
        }
    }

    private Object value(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, value(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw invalid(path(p.getParsingContext().pathAsPointer()), "unexpected " + token + "; fix the syntax");
        }
    }

    /** Renders a JSON pointer ({@code /tables/1/table}) as a path ({@code $.tables[1].table}). */
    private static String path(JsonPointer pointer) {
        StringBuilder path = new StringBuilder("$");
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement()) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append('.').append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }

    // ---- tree -> BackupPlan

    private BackupPlan plan(Object tree) {
        Map<String, Object> root = object(tree, "$", ROOT_KEYS);
        Object version = root.get("version");
        if (version != null && !(version instanceof Number n && n.doubleValue() == VERSION)) {
            throw invalid("$.version", "version " + (version instanceof Number ? version : describe(version)) + " is not supported; this dbbackup reads plan"
                    + " files of version " + VERSION + " (omit the key or write \"version\": " + VERSION + ")");
        }
        optionalString(root, "description", "$");
        BackupPlan.Builder builder = BackupPlan.builder();
        builder.strict(bool(root, "strict", "$", true));
        builder.allowEmptyBackup(bool(root, "allowEmptyBackup", "$", false));
        boolean includeAll = bool(root, "includeAllOtherTables", "$", false);
        if (includeAll) {
            builder.includeAllOtherTables();
        }
        Map<String, String> included = new HashMap<>();
        List<Object> tables = array(root, "tables", "$");
        for (int i = 0; i < tables.size(); i++) {
            String at = "$.tables[" + i + "]";
            TableSpec spec = tableSpec(tables.get(i), at);
            String previous = included.putIfAbsent(spec.table().toLowerCase(Locale.ROOT), at);
            if (previous != null) {
                throw invalid(at, "table '" + spec.table() + "' is already given at " + previous
                        + "; merge the two entries into one");
            }
            builder.table(spec);
        }
        List<Object> excluded = array(root, "excludeTables", "$");
        for (int i = 0; i < excluded.size(); i++) {
            String at = "$.excludeTables[" + i + "]";
            Map<String, Object> x = object(excluded.get(i), at, EXCLUDE_KEYS);
            String table = requiredString(x, "table", at);
            String reason = requiredString(x, "reason", at);
            String action = optionalString(x, "action", at);
            String includedAt = included.get(table.toLowerCase(Locale.ROOT));
            if (includedAt != null) {
                throw invalid(at + ".table", "table '" + table + "' is also included at " + includedAt
                        + "; a table is either backed up or excluded: remove one of the two entries");
            }
            builder.excludeTable(table, reason, action);
        }
        List<Object> matching = array(root, "excludeTablesMatching", "$");
        for (int i = 0; i < matching.size(); i++) {
            String at = "$.excludeTablesMatching[" + i + "]";
            Map<String, Object> x = object(matching.get(i), at, MATCHING_KEYS);
            String regex = requiredString(x, "pattern", at);
            String reason = requiredString(x, "reason", at);
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw invalid(at + ".pattern", "'" + regex + "' is not a valid regular expression ("
                        + e.getDescription() + "); write a java.util.regex pattern over the whole table name, e.g. tmp_.*");
            }
            builder.exclude(ExclusionPolicy.matching(regex, reason));
        }
        if (tables.isEmpty() && !includeAll) {
            throw invalid("$.tables", "the plan backs up no table; list tables under \"tables\", or set"
                    + " \"includeAllOtherTables\": true to back up every table that is not excluded");
        }
        try {
            return builder.build();
        } catch (BackupConfigurationException e) {
            throw invalid("$", String.join("; ", e.problems()));
        }
    }

    private TableSpec tableSpec(Object item, String at) {
        if (item instanceof String name) {
            requireNotBlank(name, at, "a table name");
            return TableSpec.of(name);
        }
        Map<String, Object> t = object(item, at, TABLE_KEYS);
        TableSpec spec = TableSpec.of(requiredString(t, "table", at));
        List<Object> columns = array(t, "columns", at);
        List<Object> excluded = array(t, "excludeColumns", at);
        if (!columns.isEmpty() && !excluded.isEmpty()) {
            throw invalid(at, "table '" + spec.table() + "' has both \"columns\" and \"excludeColumns\"; list the"
                    + " columns to back up or the columns to leave out, not both");
        }
        for (int i = 0; i < columns.size(); i++) {
            String cat = at + ".columns[" + i + "]";
            if (!(columns.get(i) instanceof String column)) {
                throw invalid(cat, "expected a column name (a string) but found " + describe(columns.get(i)));
            }
            requireNotBlank(column, cat, "a column name");
            spec = spec.columns(column);
        }
        for (int i = 0; i < excluded.size(); i++) {
            String cat = at + ".excludeColumns[" + i + "]";
            Object x = excluded.get(i);
            if (x instanceof String column) {
                requireNotBlank(column, cat, "a column name");
                spec = spec.excludeColumn(column, "");
                continue;
            }
            Map<String, Object> c = object(x, cat, COLUMN_KEYS);
            String column = requiredString(c, "column", cat);
            spec = spec.excludeColumn(column, optionalString(c, "action", cat));
            if (c.containsKey("placeholder")) {
                Object placeholder = c.get("placeholder");
                if (placeholder instanceof String text) {
                    spec = spec.placeholder(column, text);
                } else if (placeholder instanceof Number || placeholder instanceof Boolean) {
                    spec = spec.placeholder(column, placeholder.toString());
                } else {
                    throw invalid(cat + ".placeholder", "expected the value to restore (a string, number or boolean)"
                            + " but found " + describe(placeholder) + "; omit the key to restore the column's default");
                }
            }
        }
        String where = optionalString(t, "where", at);
        return where.isBlank() ? spec : spec.where(where);
    }

    // ---- typed access with paths

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object node, String at, Set<String> keys) {
        if (!(node instanceof Map)) {
            throw invalid(at, "expected an object but found " + describe(node));
        }
        Map<String, Object> map = (Map<String, Object>) node;
        for (String key : map.keySet()) {
            if (!keys.contains(key)) {
                throw invalid(at + "." + key, "unknown key '" + key + "'; the keys allowed here are "
                        + keys.stream().sorted().toList());
            }
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(Map<String, Object> map, String key, String at) {
        Object node = map.get(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List)) {
            throw invalid(at + "." + key, "expected an array but found " + describe(node));
        }
        return (List<Object>) node;
    }

    private boolean bool(Map<String, Object> map, String key, String at, boolean defaultValue) {
        Object node = map.get(key);
        if (node == null) {
            return defaultValue;
        }
        if (!(node instanceof Boolean b)) {
            throw invalid(at + "." + key, "expected true or false but found " + describe(node));
        }
        return b;
    }

    private String requiredString(Map<String, Object> map, String key, String at) {
        if (!map.containsKey(key)) {
            throw invalid(at, "the key \"" + key + "\" is missing; add it");
        }
        String value = optionalString(map, key, at);
        requireNotBlank(value, at + "." + key, "text");
        return value;
    }

    private String optionalString(Map<String, Object> map, String key, String at) {
        Object node = map.get(key);
        if (node == null) {
            return "";
        }
        if (!(node instanceof String s)) {
            throw invalid(at + "." + key, "expected a string but found " + describe(node));
        }
        return s;
    }

    private void requireNotBlank(String value, String at, String what) {
        if (value.isBlank()) {
            throw invalid(at, "expected " + what + " but found an empty string");
        }
    }

    private static String describe(Object node) {
        if (node == NULL) {
            return "null";
        }
        if (node instanceof Map) {
            return "an object";
        }
        if (node instanceof List) {
            return "an array";
        }
        if (node instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (node instanceof Boolean b) {
            return b.toString();
        }
        return "the number " + node;
    }

    private CommandFailedException invalid(String at, String problem) {
        return new CommandFailedException("Plan file '" + file + "' is invalid at " + at + ": " + problem + SEE);
    }
}
