package io.github.dbbackup.core.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes and reads {@code manifest.json} (docs/FORMAT.md, "Manifest"). */
public final class ManifestCodec {

    /** The {@code format} member of every manifest. */
    public static final String FORMAT = "dbbackup.manifest";

    private ManifestCodec() {
    }

    /**
     * Writes a manifest as pretty-printed UTF-8 JSON. Does not close {@code out}.
     *
     * @param m the manifest
     * @param out where to write
     * @throws IOException when writing fails
     */
    public static void write(Manifest m, OutputStream out) throws IOException {
        JsonGenerator g = JsonFormat.FACTORY.createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("formatVersion", m.formatVersion());
        g.writeStringField("id", m.id());
        g.writeStringField("createdAt", m.createdAt().toString());
        g.writeStringField("completedAt", m.completedAt().toString());
        g.writeObjectFieldStart("source");
        g.writeStringField("product", m.source().product());
        g.writeStringField("productVersion", m.source().productVersion());
        g.writeStringField("dialect", m.source().dialect());
        g.writeStringField("schema", m.source().schema());
        g.writeStringField("location", m.source().location());
        g.writeEndObject();
        g.writeStringField("codec", m.codec());
        g.writeBooleanField("strict", m.strict());
        g.writeBooleanField("consistent", m.consistent());
        g.writeArrayFieldStart("restoreOrder");
        for (String t : m.restoreOrder()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tables");
        for (BackedUpTable t : m.tables()) {
            writeTable(g, t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("excludedTables");
        for (ExcludedTable t : m.excludedTables()) {
            g.writeStartObject();
            g.writeStringField("name", t.table());
            g.writeStringField("reason", t.reason());
            g.writeStringField("requiredAction", t.requiredAction());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!m.warnings().isEmpty()) { // since 1.2; absent means none
            g.writeArrayFieldStart("warnings");
            for (String w : m.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart("parts");
        for (PartInfo part : m.parts()) {
            g.writeStartObject();
            g.writeStringField("key", part.key());
            g.writeStringField("table", part.table());
            g.writeNumberField("index", part.index());
            g.writeNumberField("rows", part.rows());
            g.writeNumberField("bytes", part.bytes());
            g.writeStringField("sha256", part.sha256());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("tables", m.tables().size());
        g.writeNumberField("rows", m.totalRows());
        g.writeNumberField("bytes", m.totalBytes());
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }

    private static void writeTable(JsonGenerator g, BackedUpTable t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeNumberField("rows", t.rows());
        g.writeNumberField("bytes", t.bytes());
        g.writeStringField("rowFilter", t.rowFilter());
        g.writeArrayFieldStart("columns");
        for (ColumnSchema c : t.schema().columns()) {
            writeColumn(g, c);
        }
        g.writeEndArray();
        writeStrings(g, "primaryKey", t.schema().primaryKey());
        g.writeArrayFieldStart("foreignKeys");
        for (ForeignKey fk : t.schema().foreignKeys()) {
            g.writeStartObject();
            g.writeStringField("name", fk.name());
            writeStrings(g, "columns", fk.columns());
            g.writeStringField("referencedTable", fk.referencedTable());
            writeStrings(g, "referencedColumns", fk.referencedColumns());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("excludedColumns");
        for (ExcludedColumn x : t.excludedColumns()) {
            g.writeStartObject();
            g.writeFieldName("column");
            writeColumn(g, x.column());
            if (x.placeholder() == null) {
                g.writeNullField("placeholder");
            } else {
                g.writeStringField("placeholder", x.placeholder());
            }
            g.writeStringField("requiredAction", x.requiredAction());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeColumn(JsonGenerator g, ColumnSchema c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("valueType", c.valueType().name());
        if (c.valueType() == ValueType.ARRAY) {
            g.writeStringField("elementType", c.elementType().name());
        }
        g.writeNumberField("jdbcType", c.jdbcType());
        g.writeStringField("typeName", c.typeName());
        g.writeBooleanField("nullable", c.nullable());
        g.writeNumberField("size", c.size());
        g.writeNumberField("scale", c.scale());
        g.writeBooleanField("autoIncrement", c.autoIncrement());
        g.writeBooleanField("generated", c.generated());
        if (c.defaultExpression() == null) {
            g.writeNullField("default");
        } else {
            g.writeStringField("default", c.defaultExpression());
        }
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * Reads and validates a manifest. Does not close {@code in}.
     *
     * @param in the manifest bytes
     * @param key the manifest's key, for messages
     * @return the manifest
     * @throws BackupFormatException when it is not valid JSON, is foreign, has an unsupported
     *     major version, lacks a member or is inconsistent
     */
    public static Manifest read(InputStream in, String key) {
        Object tree;
        try (JsonParser p = JsonFormat.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BackupFormatException(key, "Manifest '" + key + "' is not a JSON object; it is not a dbbackup"
                        + " manifest or it is corrupt");
            }
            tree = JsonFormat.readTree(p);
            if (p.nextToken() != null) {
                throw new BackupFormatException(key, "Manifest '" + key + "' has data after its end; it is corrupt");
            }
        } catch (IOException e) {
            throw new BackupFormatException(key, "Manifest '" + key + "' is not valid JSON (" + e.getMessage()
                    + "); it is truncated or corrupt. The set cannot be used: restore from another set", e);
        }
        Node root = new Node(key, "", tree);
        Object format = root.member("format");
        if (!FORMAT.equals(format)) {
            throw new BackupFormatException(key, "'" + key + "' is not a dbbackup manifest (format '" + format
                    + "', expected '" + FORMAT + "')");
        }
        Object version = root.member("formatVersion");
        FormatVersion.check(version instanceof String s ? s : null, key);
        try {
            return toManifest(root);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new BackupFormatException(key, "Manifest '" + key + "' is inconsistent: " + e.getMessage()
                    + "; the set cannot be used: restore from another set", e);
        }
    }

    private static Manifest toManifest(Node root) {
        Node source = root.object("source");
        List<BackedUpTable> tables = new ArrayList<>();
        for (Node t : root.objects("tables")) {
            List<ColumnSchema> columns = t.objects("columns").stream().map(ManifestCodec::toColumn).toList();
            List<ForeignKey> fks = t.objects("foreignKeys").stream()
                    .map(fk -> new ForeignKey(fk.string("name"), fk.strings("columns"), fk.string("referencedTable"),
                            fk.strings("referencedColumns")))
                    .toList();
            List<ExcludedColumn> excluded = t.objects("excludedColumns").stream()
                    .map(x -> new ExcludedColumn(toColumn(x.object("column")), x.nullableString("placeholder"),
                            x.string("requiredAction")))
                    .toList();
            TableSchema schema = new TableSchema(t.string("name"), columns, t.strings("primaryKey"), fks);
            tables.add(new BackedUpTable(schema, excluded, t.string("rowFilter"), t.number("rows"), t.number("bytes")));
        }
        List<ExcludedTable> excludedTables = root.objects("excludedTables").stream()
                .map(x -> new ExcludedTable(x.string("name"), x.string("reason"), x.string("requiredAction")))
                .toList();
        List<PartInfo> parts = root.objects("parts").stream()
                .map(x -> new PartInfo(x.string("key"), x.string("table"), Math.toIntExact(x.number("index")),
                        x.number("rows"), x.number("bytes"), x.string("sha256")))
                .toList();
        Manifest m = new Manifest(root.string("formatVersion"), root.string("id"),
                Instant.parse(root.string("createdAt")), Instant.parse(root.string("completedAt")),
                new SourceInfo(source.string("product"), source.string("productVersion"), source.string("dialect"),
                        source.string("schema"), source.string("location")),
                root.string("codec"), root.bool("strict"), tables, excludedTables, root.strings("restoreOrder"), parts,
                root.boolOr("consistent", true), root.has("warnings") ? root.strings("warnings") : List.of());
        checkConsistency(m);
        return m;
    }

    private static ColumnSchema toColumn(Node c) {
        ValueType valueType = c.enumValue("valueType");
        ValueType elementType = valueType == ValueType.ARRAY ? c.enumValue("elementType") : valueType;
        return new ColumnSchema(c.string("name"), Math.toIntExact(c.number("jdbcType")), c.string("typeName"),
                valueType, elementType, c.bool("nullable"), Math.toIntExact(c.number("size")),
                Math.toIntExact(c.number("scale")), c.bool("autoIncrement"), c.bool("generated"),
                c.nullableString("default"));
    }

    /** Manifest figures come from a file anyone could have edited: every sum is checked. */
    private static long sum(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " add up past " + Long.MAX_VALUE, e);
        }
    }

    private static void checkConsistency(Manifest m) {
        if (!io.github.dbbackup.core.internal.store.BackupIds.isId(m.id())) {
            throw new IllegalArgumentException("id '" + m.id() + "' is not a backup id (backup-YYYYMMDDTHHMMSSZ-xxxxxx)");
        }
        if (m.codec().isEmpty()) {
            throw new IllegalArgumentException("codec is empty");
        }
        // Whether this process has the codec is not the manifest's consistency: BackupReader and
        // BackupVerifier refuse the set, naming the module to add; the catalog still lists it.
        Set<String> names = new HashSet<>();
        for (BackedUpTable t : m.tables()) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("table '" + t.name() + "' appears twice");
            }
        }
        if (!new HashSet<>(m.restoreOrder()).equals(names) || m.restoreOrder().size() != names.size()) {
            throw new IllegalArgumentException("restoreOrder " + m.restoreOrder() + " does not list exactly the tables");
        }
        Set<String> keys = new HashSet<>();
        for (PartInfo part : m.parts()) {
            if (!names.contains(part.table())) {
                throw new IllegalArgumentException("part '" + part.key() + "' belongs to table '" + part.table()
                        + "', which the manifest does not hold");
            }
            io.github.dbbackup.core.spi.BlobStore.validateKey(part.key());
            if (!part.key().startsWith(m.id() + "/") || !keys.add(part.key())) {
                throw new IllegalArgumentException("part key '" + part.key() + "' is outside the set or duplicated");
            }
        }
        long totalRows = 0;
        long totalBytes = 0;
        for (BackedUpTable t : m.tables()) {
            totalRows = sum(totalRows, t.rows(), "the tables' rows");
        }
        for (PartInfo part : m.parts()) {
            totalBytes = sum(totalBytes, part.bytes(), "the parts' bytes");
        }
        for (BackedUpTable t : m.tables()) {
            List<PartInfo> parts = m.partsOf(t.name());
            long rows = 0;
            for (PartInfo part : parts) {
                rows = sum(rows, part.rows(), "the rows of table '" + t.name() + "''s parts");
            }
            if (parts.isEmpty() || rows != t.rows()) {
                throw new IllegalArgumentException("table '" + t.name() + "' records " + t.rows() + " rows but its "
                        + parts.size() + " parts hold " + rows);
            }
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).index() != i) {
                    throw new IllegalArgumentException("the parts of table '" + t.name() + "' are not numbered 0.."
                            + (parts.size() - 1));
                }
            }
        }
    }

    /** A typed view over the plain-object tree, with messages naming the member's path. */
    private record Node(String key, String path, Object value) {

        private Map<?, ?> map() {
            if (!(value instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("'" + (path.isEmpty() ? "(root)" : path) + "' is not an object");
            }
            return m;
        }

        private Object member(String name) {
            Map<?, ?> m = map();
            if (!m.containsKey(name)) {
                throw new BackupFormatException(key, "Manifest '" + key + "' lacks member '" + where(name)
                        + "'; it is corrupt or was not written by dbbackup");
            }
            return m.get(name);
        }

        private String where(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        String string(String name) {
            Object v = member(name);
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("'" + where(name) + "' is not a string");
            }
            return s;
        }

        String nullableString(String name) {
            Object v = member(name);
            return v == null ? null : string(name);
        }

        long number(String name) {
            Object v = member(name);
            if (!(v instanceof Integer || v instanceof Long)) {
                throw new IllegalArgumentException("'" + where(name) + "' is not an integer");
            }
            return ((Number) v).longValue();
        }

        boolean bool(String name) {
            Object v = member(name);
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException("'" + where(name) + "' is not a boolean");
            }
            return b;
        }

        boolean has(String name) {
            return map().containsKey(name);
        }

        boolean boolOr(String name, boolean absent) {
            return map().containsKey(name) ? bool(name) : absent;
        }

        ValueType enumValue(String name) {
            String s = string(name);
            try {
                return ValueType.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + where(name) + "' is '" + s + "', which format v1 does not define");
            }
        }

        Node object(String name) {
            Node n = new Node(key, where(name), member(name));
            n.map();
            return n;
        }

        List<Node> objects(String name) {
            Object v = member(name);
            if (!(v instanceof List<?> list)) {
                throw new IllegalArgumentException("'" + where(name) + "' is not an array");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Node n = new Node(key, where(name) + "[" + i + "]", list.get(i));
                n.map();
                out.add(n);
            }
            return out;
        }

        List<String> strings(String name) {
            Object v = member(name);
            if (!(v instanceof List<?> list)) {
                throw new IllegalArgumentException("'" + where(name) + "' is not an array");
            }
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("'" + where(name) + "' holds a non-string");
                }
                out.add(s);
            }
            return out;
        }
    }
}
