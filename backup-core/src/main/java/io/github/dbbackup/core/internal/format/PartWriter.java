package io.github.dbbackup.core.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.spi.RowCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes one part document (docs/FORMAT.md, "Parts"):
 * <pre>{"format":"dbbackup.part","formatVersion":"1.0","table":…,"part":0,"columns":[…],"rows":[{…},…],"rowCount":n,"end":true}</pre>
 * The trailer ({@code rowCount}, {@code end}) is written only by {@link #finish()}: a part whose
 * writing failed half-way is not well-formed JSON and has no trailer.
 */
public final class PartWriter {

    /** The {@code format} member of every part. */
    public static final String FORMAT = "dbbackup.part";

    private final JsonGenerator g;
    private final CountingOutputStream counter;
    private final String table;
    private final ColumnSchema[] columns;
    private final SerializedString[] names;
    private long rows;

    private PartWriter(JsonGenerator g, CountingOutputStream counter, String table, List<ColumnSchema> columns) {
        this.g = g;
        this.counter = counter;
        this.table = table;
        this.columns = columns.toArray(ColumnSchema[]::new);
        // Every row repeats every name: quote and encode each once, not once per row.
        this.names = columns.stream().map(c -> new SerializedString(c.name())).toArray(SerializedString[]::new);
    }

    /**
     * Starts a part: writes the header and opens the rows array.
     *
     * @param out the (already compressing) stream; not closed by this writer
     * @param formatVersion the format version to record
     * @param table the table
     * @param index the part's index among the table's parts
     * @param columns the columns, in the order of the cursor's values
     * @return the writer
     * @throws IOException when writing fails
     */
    public static PartWriter start(OutputStream out, String formatVersion, String table, int index,
            List<ColumnSchema> columns) throws IOException {
        CountingOutputStream counter = new CountingOutputStream(out);
        JsonGenerator g = JsonFormat.FACTORY.createGenerator(counter);
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("formatVersion", formatVersion);
        g.writeStringField("table", table);
        g.writeNumberField("part", index);
        g.writeArrayFieldStart("columns");
        for (ColumnSchema column : columns) {
            g.writeString(column.name());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        return new PartWriter(g, counter, table, columns);
    }

    /**
     * Writes the cursor's current row as one object keyed by column name, every column present.
     *
     * @param cursor the cursor, positioned on a row
     * @throws IOException when writing fails
     */
    public void writeRow(RowCursor cursor) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < columns.length; i++) {
            g.writeFieldName(names[i]);
            ValueCodec.write(g, table, columns[i], cursor.value(i));
        }
        g.writeEndObject();
        rows++;
    }

    /**
     * Returns how many uncompressed JSON bytes the part holds so far.
     *
     * @return bytes, including those still buffered in the generator
     */
    public long uncompressedBytes() {
        return counter.count() + g.getOutputBuffered();
    }

    /**
     * Returns how many rows were written.
     *
     * @return rows
     */
    public long rows() {
        return rows;
    }

    /**
     * Writes the trailer and flushes. Does not close the underlying stream.
     *
     * @throws IOException when writing fails
     */
    public void finish() throws IOException {
        g.writeEndArray();
        g.writeNumberField("rowCount", rows);
        g.writeBooleanField("end", true);
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }
}
