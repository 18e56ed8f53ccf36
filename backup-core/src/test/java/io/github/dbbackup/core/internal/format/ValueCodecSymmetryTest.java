package io.github.dbbackup.core.internal.format;

import static io.github.dbbackup.core.testing.Schemas.array;
import static io.github.dbbackup.core.testing.Schemas.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.testing.CloseRecordingCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writer/reader symmetry (issue #12, "Make the class impossible"): every value encoder of the
 * format has its decoder, and each pair is inverse on generated values of every {@link ValueType},
 * edge values included — {@link ValueCodec#write}/{@link ValueCodec#read}, the {@link IsoTimes}
 * formatters and parsers, and {@link PartWriter}/{@link PartReader} over whole rows. Seeded: the
 * seeds are {@code 1..N}, N from the system property {@code dbbackup.differential.seeds} (default 3).
 */
class ValueCodecSymmetryTest {

    private static final int VALUES_PER_SEED = 400;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("dbbackup.differential.seeds", 3));
    }

    static Stream<Arguments> scalarTypesAndSeeds() {
        return Arrays.stream(ValueType.values()).filter(t -> t != ValueType.ARRAY)
                .flatMap(t -> seeds().mapToObj(seed -> Arguments.of(t, seed)));
    }

    private static String encode(ColumnSchema column, Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFormat.FACTORY.createGenerator(out)) {
            ValueCodec.write(g, "t", column, value);
        }
        return out.toString();
    }

    private static Object decode(ColumnSchema column, String json) throws IOException {
        try (JsonParser p = JsonFormat.FACTORY.createParser(json)) {
            p.nextToken();
            Object value = ValueCodec.read(p, column);
            assertThat(p.nextToken()).as("the codec consumed the whole value").isNull();
            return value;
        }
    }

    private static void assertInverse(ColumnSchema column, Object value, String where) throws IOException {
        String json = encode(column, value);
        Object decoded = decode(column, json);
        Object expected = JavaValues.comparable(value);
        Object actual = JavaValues.comparable(decoded);
        if (expected instanceof BigDecimal e && e.scale() < 0) {
            // toPlainString drops a negative scale; the number itself must survive
            assertThat((BigDecimal) actual).as(where).isEqualByComparingTo(e);
        } else {
            assertThat(actual).as("%s: decoded from %s", where, json)
                    .isEqualTo(expected);
        }
        assertThat(encode(column, decoded)).as("%s: re-encoding the decoded value", where).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("scalarTypesAndSeeds")
    void everyScalarEncoderHasAnInverseDecoder(ValueType type, long seed) throws IOException {
        ColumnSchema column = column("c", type);
        for (Object edge : JavaValues.edges(type)) {
            assertInverse(column, edge, "edge of " + type);
        }
        assertInverse(column, null, "null of " + type);
        JavaValues values = new JavaValues(seed * 31 + type.ordinal());
        for (int i = 0; i < VALUES_PER_SEED; i++) {
            assertInverse(column, values.next(type), "seed " + seed + ", value " + i + " of " + type);
        }
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("scalarTypesAndSeeds")
    void everyArrayEncoderHasAnInverseDecoder(ValueType element, long seed) throws IOException {
        ColumnSchema column = array("c", element);
        List<Object> edges = new ArrayList<>(JavaValues.edges(element));
        edges.add(null);
        assertInverse(column, edges, "every edge of " + element + " in one array");
        assertInverse(column, List.of(), "an empty array of " + element);
        assertInverse(column, List.of(List.of(), List.of()), "an array of empty arrays of " + element);
        JavaValues values = new JavaValues(seed * 37 + element.ordinal());
        for (int i = 0; i < VALUES_PER_SEED / 4; i++) {
            assertInverse(column, values.array(element), "seed " + seed + ", array " + i + " of " + element);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void floatsComeBackAsTheDoubleOfTheirDecimalText(long seed) throws IOException {
        ColumnSchema column = column("c", ValueType.FLOAT);
        Random random = new Random(seed);
        List<Float> floats = new ArrayList<>(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.0f,
                -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 1.1f));
        for (int i = 0; i < VALUES_PER_SEED; i++) {
            floats.add(Float.intBitsToFloat(random.nextInt()));
        }
        for (Float f : floats) {
            Object decoded = decode(column, encode(column, f));
            // a REAL travels as its shortest decimal text, which reads back as the same float
            assertThat(decoded).as("float %s", f).isEqualTo(Double.parseDouble(Float.toString(f)));
            assertThat(((Double) decoded).floatValue()).as("float %s narrowed back", f).isEqualTo(f);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyIsoTimesFormatterHasAnInverseParser(long seed) {
        JavaValues values = new JavaValues(seed);
        List<Object> temporals = new ArrayList<>();
        for (ValueType type : List.of(ValueType.DATE, ValueType.TIME, ValueType.TIMESTAMP, ValueType.TIMESTAMP_TZ)) {
            temporals.addAll(JavaValues.edges(type));
            for (int i = 0; i < VALUES_PER_SEED; i++) {
                temporals.add(values.next(type));
            }
        }
        for (Object t : temporals) {
            if (t instanceof LocalDate d) {
                assertThat(IsoTimes.date(IsoTimes.format(d))).as("date %s", d).isEqualTo(d);
            } else if (t instanceof LocalTime lt) {
                assertThat(IsoTimes.time(IsoTimes.format(lt))).as("time %s", lt).isEqualTo(lt);
            } else if (t instanceof LocalDateTime ldt) {
                assertThat(IsoTimes.dateTime(IsoTimes.format(ldt))).as("timestamp %s", ldt).isEqualTo(ldt);
            } else if (t instanceof OffsetDateTime odt) {
                assertThat(IsoTimes.offsetDateTime(IsoTimes.format(odt))).as("timestamptz %s", odt).isEqualTo(odt);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void partWriterAndPartReaderAreInverseOverRowsOfEveryType(long seed) throws IOException {
        List<ColumnSchema> columns = new ArrayList<>();
        columns.add(column("id", ValueType.INTEGER));
        for (ValueType type : ValueType.values()) {
            if (type != ValueType.ARRAY) {
                columns.add(column("s_" + type.name().toLowerCase(java.util.Locale.ROOT), type));
                columns.add(array("a_" + type.name().toLowerCase(java.util.Locale.ROOT), type));
            }
        }
        JavaValues values = new JavaValues(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            List<Object> row = new ArrayList<>();
            row.add((long) r);
            for (ColumnSchema column : columns.subList(1, columns.size())) {
                if (column.valueType() == ValueType.ARRAY) {
                    row.add(r % 7 == 0 ? null : values.array(column.elementType()));
                } else {
                    List<Object> edges = JavaValues.edges(column.valueType());
                    row.add(r < edges.size() ? edges.get(r) : values.nextOrNull(column.valueType()));
                }
            }
            rows.add(row);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartWriter writer = PartWriter.start(out, "1.0", "every_type", 0, columns);
        CloseRecordingCursor cursor = new CloseRecordingCursor(rows);
        while (cursor.next()) {
            writer.writeRow(cursor);
        }
        writer.finish();

        List<List<Object>> read = new ArrayList<>();
        try (PartReader reader = new PartReader(new ByteArrayInputStream(out.toByteArray()), "k/every_type-0000.json",
                "every_type", columns)) {
            while (reader.next()) {
                read.add(new ArrayList<>(Arrays.asList(reader.row().clone())));
            }
        }
        assertThat(read).hasSameSizeAs(rows);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                Object expected = JavaValues.comparable(rows.get(r).get(c));
                Object actual = JavaValues.comparable(read.get(r).get(c));
                if (expected instanceof BigDecimal e && e.scale() < 0) {
                    assertThat((BigDecimal) actual).isEqualByComparingTo(e);
                } else {
                    assertThat(actual).as("seed %d, row %d, column %s", seed, r, columns.get(c).name()).isEqualTo(expected);
                }
            }
        }
    }
}
