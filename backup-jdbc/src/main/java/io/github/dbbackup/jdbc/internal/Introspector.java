package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Describes the base tables of one schema from {@link DatabaseMetaData}: columns (JDBC and native
 * type, nullability, size/scale, auto-increment, generated, default), primary keys and foreign keys.
 * Views are never listed. Optional metadata columns are read defensively. What looks like a table but
 * cannot be carried as rows (materialized and foreign tables, tables without a visible column, what
 * the dialect adds) is listed apart, with the reason and the post-restore action, so that the plan
 * must classify it instead of it vanishing from the backup.
 */
public final class Introspector {

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;

    /**
     * Creates an introspector.
     *
     * @param connection an open connection
     * @param dialect the dialect
     * @param schema the schema (or database, for catalog-as-schema dialects)
     */
    public Introspector(Connection connection, Dialect dialect, String schema) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
    }

    /**
     * What one schema holds, as a backup sees it.
     *
     * @param tables the base tables that can be backed up, sorted by name
     * @param notCarried what is in scope but cannot be carried as rows, with reason and action, sorted by name
     */
    public record Contents(List<TableSchema> tables, List<ExcludedTable> notCarried) {
    }

    /**
     * Lists every base table of the schema.
     *
     * @return the tables sorted by name
     * @throws SQLException when the database fails
     */
    public List<TableSchema> tables() throws SQLException {
        return contents().tables();
    }

    /**
     * Lists every base table of the schema, and apart what cannot be carried as rows.
     *
     * @return the contents
     * @throws SQLException when the database fails
     */
    public Contents contents() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = dialect.introspection().usesCatalogAsSchema() ? schema : null;
        String schemaPattern = dialect.introspection().usesCatalogAsSchema() ? null : escape(meta, schema);
        List<String> names = new ArrayList<>();
        List<ExcludedTable> notCarried = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schemaPattern, "%", null)) {
            while (rs.next()) {
                if (!inScope(rs)) {
                    continue;
                }
                String type = nonNull(rs.getString("TABLE_TYPE"));
                String name = rs.getString("TABLE_NAME");
                if (dialect.introspection().isBaseTable(type)) {
                    names.add(name);
                } else if (type.equalsIgnoreCase("MATERIALIZED VIEW")) {
                    notCarried.add(new ExcludedTable(name, "materialized view: its rows are derived from other tables"
                            + " and are not backed up", "REFRESH MATERIALIZED VIEW " + dialect.sql().quote(name)));
                } else if (type.equalsIgnoreCase("FOREIGN TABLE")) {
                    notCarried.add(new ExcludedTable(name, "foreign table: its rows live in another server and are"
                            + " not backed up", ""));
                }
            }
        }
        Map<String, List<ColumnSchema>> columns = columns(meta, catalog, schemaPattern);
        List<TableSchema> tables = new ArrayList<>();
        for (String name : names) {
            List<ColumnSchema> cols = columns.getOrDefault(name, List.of());
            if (cols.isEmpty()) {
                // CREATE TABLE t() on PostgreSQL, or a MariaDB role with no privilege on any column.
                notCarried.add(new ExcludedTable(name, "it has no column visible to this role (a table created"
                        + " without columns, or no privilege on any of its columns): its rows cannot be backed up",
                        "Re-create the rows of " + dialect.sql().quote(name) + " by hand if it held any"));
                continue;
            }
            tables.add(new TableSchema(name, cols, primaryKey(meta, catalog, name), foreignKeys(meta, catalog, name)));
        }
        notCarried.addAll(dialect.introspection().objectsNotCarried(connection, schema));
        tables.sort(Comparator.comparing(TableSchema::name));
        notCarried.sort(Comparator.comparing(ExcludedTable::table));
        return new Contents(List.copyOf(tables), List.copyOf(notCarried));
    }

    private boolean inScope(ResultSet rs) throws SQLException {
        String actual = dialect.introspection().usesCatalogAsSchema() ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
        return actual == null || actual.equals(schema);
    }

    private Map<String, List<ColumnSchema>> columns(DatabaseMetaData meta, String catalog, String schemaPattern)
            throws SQLException {
        Map<String, TreeMap<Integer, ColumnSchema>> byTable = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schemaPattern, "%", "%")) {
            while (rs.next()) {
                if (!inScope(rs)) {
                    continue;
                }
                String table = rs.getString("TABLE_NAME");
                int jdbcType = rs.getInt("DATA_TYPE");
                String typeName = nonNull(rs.getString("TYPE_NAME"));
                int size = rs.getInt("COLUMN_SIZE");
                ValueType valueType = dialect.types().valueType(jdbcType, typeName, size);
                ValueType elementType = valueType == ValueType.ARRAY ? dialect.types().arrayElementType(typeName) : valueType;
                ColumnSchema column = new ColumnSchema(
                        rs.getString("COLUMN_NAME"), jdbcType, typeName, valueType, elementType,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        size, rs.getInt("DECIMAL_DIGITS"),
                        yes(optional(rs, "IS_AUTOINCREMENT")), yes(optional(rs, "IS_GENERATEDCOLUMN")),
                        defaultOf(optional(rs, "COLUMN_DEF")));
                byTable.computeIfAbsent(table, t -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"), column);
            }
        }
        Map<String, List<ColumnSchema>> result = new TreeMap<>();
        byTable.forEach((table, cols) -> result.put(table, List.copyOf(cols.values())));
        return result;
    }

    private List<String> primaryKey(DatabaseMetaData meta, String catalog, String table) throws SQLException {
        TreeMap<Integer, String> columns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, dialect.introspection().usesCatalogAsSchema() ? null : schema, table)) {
            while (rs.next()) {
                if (inScope(rs)) {
                    columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
        }
        return List.copyOf(columns.values());
    }

    private List<ForeignKey> foreignKeys(DatabaseMetaData meta, String catalog, String table) throws SQLException {
        Map<String, TreeMap<Integer, String[]>> byName = new TreeMap<>();
        Map<String, String> referenced = new TreeMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, dialect.introspection().usesCatalogAsSchema() ? null : schema, table)) {
            while (rs.next()) {
                if (!inScope(rs.getString(dialect.introspection().usesCatalogAsSchema() ? "FKTABLE_CAT" : "FKTABLE_SCHEM"))) {
                    continue;
                }
                String name = nonNull(rs.getString("FK_NAME"));
                String refTable = rs.getString("PKTABLE_NAME");
                String key = name.isEmpty() ? refTable : name;
                referenced.put(key, refTable);
                byName.computeIfAbsent(key, k -> new TreeMap<>())
                        .put(rs.getInt("KEY_SEQ"), new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        byName.forEach((name, cols) -> fks.add(new ForeignKey(name,
                cols.values().stream().map(c -> c[0]).toList(), referenced.get(name),
                cols.values().stream().map(c -> c[1]).toList())));
        return fks;
    }

    private boolean inScope(String actual) {
        return actual == null || actual.equals(schema);
    }

    private static String optional(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            return null; // drivers before JDBC 4.1 lack IS_GENERATEDCOLUMN and friends
        }
    }

    private static String defaultOf(String value) {
        // MariaDB reports the literal text NULL for "no default"; a NULL default is no default.
        return value == null || value.equalsIgnoreCase("NULL") ? null : value;
    }

    private static boolean yes(String value) {
        return "YES".equalsIgnoreCase(value);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String escape(DatabaseMetaData meta, String pattern) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return pattern;
        }
        return pattern.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
