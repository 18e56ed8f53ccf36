package io.github.dbbackup.core.manifest;

/**
 * How a column's values are encoded in format v1 (docs/FORMAT.md, "Value encoding"). Chosen by the
 * source's dialect from the column's JDBC and native type, and recorded per column in the manifest
 * so that a reader decodes without the source database.
 *
 * <p>Java types a {@link io.github.dbbackup.core.spi.RowCursor} returns, and a reader decodes to:
 * <ul>
 *   <li>{@link #BOOLEAN}: {@code Boolean} — JSON {@code true}/{@code false}</li>
 *   <li>{@link #INTEGER}: {@code Long} or {@code BigInteger} — JSON integer</li>
 *   <li>{@link #DECIMAL}: {@code BigDecimal} or a {@code String} of exact digits (also
 *       {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}) — JSON string</li>
 *   <li>{@link #FLOAT}: {@code Double} or {@code Float} — JSON number; non-finite values as the
 *       strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}</li>
 *   <li>{@link #STRING}, {@link #JSON}, {@link #OTHER}: {@code String} — JSON string (JSON as its
 *       text; OTHER as the database's text form)</li>
 *   <li>{@link #BINARY}: {@code byte[]} — base64 string</li>
 *   <li>{@link #DATE}: {@code LocalDate}; {@link #TIME}: {@code LocalTime}; {@link #TIMESTAMP}:
 *       {@code LocalDateTime}; {@link #TIMESTAMP_TZ}: {@code OffsetDateTime} — ISO-8601 strings
 *       with full fractional precision</li>
 *   <li>{@link #UUID}: {@code java.util.UUID} — canonical string</li>
 *   <li>{@link #ARRAY}: {@code List} of element values encoded by the column's element type — JSON
 *       array</li>
 * </ul>
 * SQL {@code NULL} is {@code null} and JSON {@code null} for every type.
 *
 * @since 0.1
 */
public enum ValueType {
    /** Booleans. */
    BOOLEAN,
    /** Integers of any width, including unsigned 64-bit. */
    INTEGER,
    /** Exact numerics (NUMERIC, DECIMAL). */
    DECIMAL,
    /** Binary floating point (REAL, DOUBLE PRECISION, FLOAT). */
    FLOAT,
    /** Character data. */
    STRING,
    /** Binary data (bytea, BLOB, VARBINARY). */
    BINARY,
    /** Calendar dates. */
    DATE,
    /** Times of day without zone. */
    TIME,
    /** Timestamps without zone (local date-time). */
    TIMESTAMP,
    /** Timestamps with time zone (an instant with offset). */
    TIMESTAMP_TZ,
    /** UUIDs. */
    UUID,
    /** JSON documents (JSON, JSONB), kept as text. */
    JSON,
    /** Arrays of one element type. */
    ARRAY,
    /** Anything else, as the database's text form, restored with a cast to the recorded type. */
    OTHER
}
