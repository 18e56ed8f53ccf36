package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How values travel between JDBC and the format: which {@link ValueType} a native type is backed up
 * as, how a value is read from a result set, and how a decoded value is bound for a restore. Reads
 * what {@link SqlGeneration#selectExpression} selects, and binds for the placeholder
 * {@link SqlGeneration#valueExpression} wrote, so a dialect changes the two facets together. A facet
 * of {@link Dialect}; stateless and thread-safe.
 *
 * @since 0.2
 */
public interface TypeMapping {

    /**
     * Maps a column's reported type to its format encoding.
     *
     * @param jdbcType the {@link java.sql.Types} code
     * @param typeName the native type name
     * @param size the column size
     * @return the value type; for arrays use {@link #arrayElementType(String)} as well
     */
    ValueType valueType(int jdbcType, String typeName, int size);

    /**
     * Maps an array column's native type name to the encoding of its elements.
     *
     * @param arrayTypeName the native array type name ({@code _int4}, {@code INTEGER ARRAY})
     * @return the element value type, never {@link ValueType#ARRAY}
     */
    ValueType arrayElementType(String arrayTypeName);

    /**
     * Reads one value of the current row as the Java type its {@link ValueType} documents.
     *
     * @param rs the result set, on a row
     * @param index the 1-based column index
     * @param column the column
     * @return the value, {@code null} for SQL NULL
     * @throws SQLException when the driver fails
     */
    Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException;

    /**
     * Binds one value for {@code column} at {@code index}.
     *
     * @param ps the statement
     * @param index the 1-based parameter index
     * @param column the target column
     * @param value the decoded value (Java type per {@link ValueType}) or {@code null}
     * @param valueExpression the column's placeholder expression from {@link SqlGeneration#valueExpression},
     *     computed once per statement (a cast means the value is bound as text)
     * @throws SQLException when the driver refuses
     */
    void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression) throws SQLException;
}
