package io.github.dbbackup.core.internal.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the rows of one part document, checking its structure as it goes: header, column list
 * matching the manifest, every row an object with exactly the expected members, values decodable,
 * and a trailer whose row count matches. Memory is one row. Not thread-safe.
 */
public final class PartReader implements AutoCloseable {

    private final JsonParser p;
    private final String key;
    private final int expectedIndex;
    private final String table;
    private final List<ColumnSchema> columns;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Object[] row;
    /** Column names as the parser can match them without decoding ({@link JsonParser#nextFieldName}). */
    private final SerializedString[] names;
    /** Per column, the number of the last row that had it: duplicate and missing members without a set per row. */
    private final long[] seenInRow;
    private long rows;
    private boolean done;

    /**
     * Opens a part and checks its header.
     *
     * @param in the decompressed part; not closed by this reader
     * @param key the part's key, for messages
     * @param table the table the manifest says the part holds
     * @param columns the columns the manifest records, in order
     * @throws BackupFormatException when the header is missing, foreign or does not match
     * @throws BackupStorageException when the stream fails (the store, not the data)
     */
    public PartReader(InputStream in, String key, String table, List<ColumnSchema> columns) {
        this(in, key, table, -1, columns);
    }

    /**
     * Opens a part and checks its header, including that it is the part the manifest says.
     *
     * @param in the decompressed part; not closed by this reader
     * @param key the part's key, for messages
     * @param table the table the manifest says the part holds
     * @param index the part's index according to the manifest, or -1 not to check it
     * @param columns the columns the manifest records, in order
     * @throws BackupFormatException when the header is missing, foreign or does not match
     * @throws BackupStorageException when the stream fails (the store, not the data)
     */
    public PartReader(InputStream in, String key, String table, int index, List<ColumnSchema> columns) {
        this.expectedIndex = index;
        this.key = key;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.row = new Object[columns.size()];
        this.names = new SerializedString[columns.size()];
        this.seenInRow = new long[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
            names[i] = new SerializedString(columns.get(i).name());
        }
        try {
            this.p = JsonFormat.FACTORY.createParser(in);
            // Duplicate members are detected below per row with an array, instead of a HashSet per object.
            this.p.disable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            readHeader();
        } catch (IOException e) {
            throw failure(e, "its header is not valid JSON (" + reason(e) + ")");
        }
    }

    /**
     * Jackson reports malformed JSON as a {@link com.fasterxml.jackson.core.JsonProcessingException}
     * and undecodable text as a {@link java.io.CharConversionException}: the part is corrupt. Any
     * other {@link IOException} comes from the stream itself — the store failed, not the data.
     */
    private RuntimeException failure(IOException e, String corruption) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException || e instanceof java.io.CharConversionException) {
            return corrupt(corruption, e);
        }
        return new BackupStorageException(key, "Reading part '" + key + "' failed: " + e.getMessage()
                + "; the store failed, not the data: check the store and retry", e);
    }

    private static String reason(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.toString();
    }

    private void readHeader() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw corrupt("it does not start with a JSON object", null);
        }
        expectField("format");
        String format = p.nextTextValue();
        if (!PartWriter.FORMAT.equals(format)) {
            throw corrupt("its format is '" + format + "', not '" + PartWriter.FORMAT + "'", null);
        }
        expectField("formatVersion");
        FormatVersion.check(p.nextTextValue(), key);
        expectField("table");
        String actualTable = p.nextTextValue();
        if (!table.equals(actualTable)) {
            throw corrupt("it holds table '" + actualTable + "' but the manifest says '" + table + "'", null);
        }
        expectField("part");
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw corrupt("its 'part' member is not an integer", null);
        }
        if (expectedIndex >= 0 && p.getLongValue() != expectedIndex) {
            throw corrupt("it is part " + p.getText() + " of its table but the manifest lists it as part " + expectedIndex
                    + " (parts were swapped or renamed)", null);
        }
        expectField("columns");
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw corrupt("its 'columns' member is not an array", null);
        }
        for (ColumnSchema column : columns) {
            String name = p.nextTextValue();
            if (!column.name().equals(name)) {
                throw corrupt("its columns do not match the manifest (expected '" + column.name() + "', found "
                        + (name == null ? "something else" : "'" + name + "'") + ")", null);
            }
        }
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw corrupt("it has more columns than the manifest records", null);
        }
        expectField("rows");
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw corrupt("its 'rows' member is not an array", null);
        }
    }

    private void expectField(String name) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !name.equals(p.currentName())) {
            throw corrupt("member '" + name + "' is missing where format v1 puts it", null);
        }
    }

    /**
     * Advances to the next row; after the last row checks the trailer.
     *
     * @return {@code false} when all rows were read and the trailer is intact
     * @throws BackupFormatException when the part is truncated or malformed
     * @throws BackupStorageException when the stream fails (the store, not the data)
     */
    public boolean next() {
        if (done) {
            return false;
        }
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                readTrailer();
                done = true;
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw corrupt(t == null ? "it ends after row " + rows + " (truncated)"
                        : "row " + (rows + 1) + " is not a JSON object", null);
            }
            readRow();
            rows++;
            return true;
        } catch (StreamConstraintsException e) {
            throw corrupt("row " + (rows + 1) + " exceeds a reader limit (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw failure(e, "it is not valid JSON after row " + rows + " (" + reason(e) + "); it is truncated or corrupt");
        }
    }

    private void readRow() throws IOException {
        long stamp = rows + 1;
        int members = 0;
        int expected = 0;
        while (true) {
            int i;
            if (expected < names.length && p.nextFieldName(names[expected])) {
                // Writers put members in column order: one byte comparison instead of a hash lookup.
                i = expected;
            } else {
                JsonToken t = expected < names.length ? p.currentToken() : p.nextToken();
                if (t == JsonToken.END_OBJECT) {
                    break;
                }
                if (t != JsonToken.FIELD_NAME) {
                    throw corrupt("it ends inside row " + (rows + 1) + " (truncated)", null);
                }
                String name = p.currentName();
                Integer position = positions.get(name);
                if (position == null) {
                    throw corrupt("row " + (rows + 1) + " has member '" + name + "', which is not a column of the table",
                            null);
                }
                i = position;
            }
            if (seenInRow[i] == stamp) {
                throw corrupt("row " + (rows + 1) + " has member '" + columns.get(i).name() + "' twice", null);
            }
            if (p.nextToken() == null) {
                throw corrupt("it ends inside row " + (rows + 1) + " (truncated)", null);
            }
            try {
                row[i] = ValueCodec.read(p, columns.get(i));
            } catch (IllegalArgumentException e) {
                throw corrupt("row " + (rows + 1) + ", column '" + columns.get(i).name() + "': " + e.getMessage(), e);
            }
            seenInRow[i] = stamp;
            members++;
            expected = i + 1;
        }
        if (members != seenInRow.length) {
            for (int i = 0; i < seenInRow.length; i++) {
                if (seenInRow[i] != stamp) {
                    throw corrupt("row " + (rows + 1) + " lacks column '" + columns.get(i).name() + "'", null);
                }
            }
        }
    }

    private void readTrailer() throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !"rowCount".equals(p.currentName())) {
            throw corrupt("its trailer ('rowCount') is missing; it is truncated", null);
        }
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != rows) {
            throw corrupt("its trailer says rowCount " + p.getText() + " but it holds " + rows + " rows", null);
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !"end".equals(p.currentName())
                || p.nextToken() != JsonToken.VALUE_TRUE) {
            throw corrupt("its end marker is missing; it is truncated", null);
        }
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw corrupt("it has unexpected members after its end marker", null);
        }
        if (p.nextToken() != null) {
            throw corrupt("it has data after its end", null);
        }
    }

    /**
     * Returns the current row's values, aligned with the columns. The array is reused by
     * {@link #next()}.
     *
     * @return the values
     */
    public Object[] row() {
        return row;
    }

    /**
     * Returns how many rows were read so far.
     *
     * @return rows
     */
    public long rowsRead() {
        return rows;
    }

    private BackupFormatException corrupt(String what, Throwable cause) {
        return new BackupFormatException(key, "Part '" + key + "' of table '" + table + "' is corrupt: " + what
                + "; restore from another backup set or re-run the backup", cause);
    }

    /** Releases the parser; does not close the stream. */
    @Override
    public void close() {
        try {
            p.close();
        } catch (IOException e) {
            // nothing to release beyond buffers
        }
    }
}
