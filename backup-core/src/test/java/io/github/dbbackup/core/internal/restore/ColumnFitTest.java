package io.github.dbbackup.core.internal.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/** Sizes as the PostgreSQL and MariaDB drivers report them (COLUMN_SIZE, DECIMAL_DIGITS). */
class ColumnFitTest {

    private static ColumnSchema column(String type, ValueType valueType, int size, int scale) {
        return new ColumnSchema("c", Types.OTHER, type, valueType, valueType, true, size, scale, false, false, null);
    }

    private static boolean fits(ColumnSchema source, ColumnSchema target, boolean sameProduct) {
        return ColumnFit.narrowing(source, target, sameProduct).isEmpty();
    }

    @Test
    void issue13_decimalsNeedEveryScaleAndIntegerDigit() {
        ColumnSchema wide = column("numeric", ValueType.DECIMAL, 30, 10);
        assertThat(ColumnFit.narrowing(wide, column("numeric", ValueType.DECIMAL, 30, 2), true))
                .hasValue("numeric(30,10) does not fit numeric(30,2): scale 10 > 2");
        assertThat(fits(wide, column("numeric", ValueType.DECIMAL, 25, 10), false)).as("20 integer digits into 15").isFalse();
        assertThat(fits(wide, column("numeric", ValueType.DECIMAL, 40, 12), false)).isTrue();
        assertThat(fits(wide, column("numeric", ValueType.DECIMAL, 0, 0), true)).as("unbounded numeric").isTrue();
        assertThat(fits(column("numeric", ValueType.DECIMAL, 0, 0), wide, true)).as("unbounded into bounded").isFalse();
    }

    @Test
    void issue13_stringsAndBinariesNeedTheirLength() {
        assertThat(fits(column("varchar", ValueType.STRING, 50, 0), column("varchar", ValueType.STRING, 20, 0), false))
                .isFalse();
        assertThat(fits(column("text", ValueType.STRING, Integer.MAX_VALUE, 0), column("varchar", ValueType.STRING, 20, 0),
                true)).isFalse();
        assertThat(fits(column("varchar", ValueType.STRING, 20, 0), column("text", ValueType.STRING, Integer.MAX_VALUE, 0),
                true)).isTrue();
        assertThat(fits(column("VARBINARY", ValueType.BINARY, 10, 0), column("VARBINARY", ValueType.BINARY, 8, 0), true))
                .isFalse();
    }

    @Test
    void issue13_floatsIntegersAndFractionsAreComparedWithinOneProduct() {
        ColumnSchema float8 = column("float8", ValueType.FLOAT, 17, 17);
        ColumnSchema float4 = column("float4", ValueType.FLOAT, 8, 8);
        assertThat(fits(float8, float4, true)).isFalse();
        assertThat(fits(float4, float8, true)).isTrue();
        assertThat(fits(column("int8", ValueType.INTEGER, 19, 0), column("int4", ValueType.INTEGER, 10, 0), true)).isFalse();
        assertThat(fits(column("BIGINT UNSIGNED", ValueType.INTEGER, 20, 0), column("BIGINT", ValueType.INTEGER, 19, 0),
                true)).isFalse();
        assertThat(fits(column("INT UNSIGNED", ValueType.INTEGER, 10, 0), column("INT", ValueType.INTEGER, 10, 0), true))
                .isFalse();
        assertThat(fits(column("INT", ValueType.INTEGER, 10, 0), column("BIGINT", ValueType.INTEGER, 19, 0), true)).isTrue();
        assertThat(fits(column("int4", ValueType.INTEGER, 10, 0), column("numeric", ValueType.DECIMAL, 8, 2), true))
                .isFalse();
        // PostgreSQL: fraction digits in the scale; MariaDB: in the size (DATETIME(6) is 26, DATETIME 19)
        assertThat(fits(column("timestamp", ValueType.TIMESTAMP, 29, 6), column("timestamp", ValueType.TIMESTAMP, 22, 0),
                true)).isFalse();
        assertThat(fits(column("DATETIME", ValueType.TIMESTAMP, 26, 0), column("DATETIME", ValueType.TIMESTAMP, 19, 0),
                true)).isFalse();
        assertThat(fits(column("DATETIME", ValueType.TIMESTAMP, 19, 0), column("DATETIME", ValueType.TIMESTAMP, 26, 0),
                true)).isTrue();
        // Across products the drivers' figures differ in meaning (H2 gives integer sizes in bits): not compared.
        assertThat(fits(column("INTEGER", ValueType.INTEGER, 32, 0), column("int4", ValueType.INTEGER, 10, 0), false))
                .isTrue();
    }
}
