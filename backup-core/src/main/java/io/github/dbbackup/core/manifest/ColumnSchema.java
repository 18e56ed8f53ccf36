package io.github.dbbackup.core.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One column as the source database describes it, recorded in the manifest.
 *
 * @param name the column name, as the database spells it
 * @param jdbcType the {@link java.sql.Types} code the driver reported
 * @param typeName the database's native type name ({@code int8}, {@code jsonb}, {@code VARCHAR})
 * @param valueType how values are encoded
 * @param elementType for {@link ValueType#ARRAY} columns the encoding of each element; for every
 *     other column equal to {@code valueType}
 * @param nullable whether the column accepts SQL NULL
 * @param size column size (precision for numerics, length for strings), 0 when not applicable
 * @param scale digits after the decimal point, 0 when not applicable
 * @param autoIncrement whether values are drawn from an identity, serial or AUTO_INCREMENT
 * @param generated whether the column is computed by the database (never written on restore)
 * @param defaultExpression the column default as SQL text, or {@code null} when the column has none
 * @since 0.1
 */
public record ColumnSchema(
        String name,
        int jdbcType,
        String typeName,
        ValueType valueType,
        ValueType elementType,
        boolean nullable,
        int size,
        int scale,
        boolean autoIncrement,
        boolean generated,
        String defaultExpression) {

    /** Checks the components. */
    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(elementType, "elementType");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (valueType != ValueType.ARRAY && elementType != valueType) {
            throw new IllegalArgumentException("column '" + name + "': elementType was " + elementType
                    + " but it must equal valueType " + valueType + " for a non-array column");
        }
        if (elementType == ValueType.ARRAY) {
            throw new IllegalArgumentException("column '" + name + "': nested arrays are not supported");
        }
    }

    /**
     * Creates a scalar (non-array) column with no default.
     *
     * @param name the column name
     * @param jdbcType the JDBC type code
     * @param typeName the native type name
     * @param valueType the encoding
     * @param nullable whether NULL is allowed
     * @return the column
     */
    public static ColumnSchema of(String name, int jdbcType, String typeName, ValueType valueType, boolean nullable) {
        return new ColumnSchema(name, jdbcType, typeName, valueType, valueType, nullable, 0, 0, false, false, null);
    }

    /**
     * Returns the column default.
     *
     * @return the default as SQL text, empty when the column has none
     */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultExpression);
    }
}
