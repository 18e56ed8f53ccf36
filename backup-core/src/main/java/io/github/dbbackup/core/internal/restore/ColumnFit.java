package io.github.dbbackup.core.internal.restore;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a target column can hold every value of a backed-up column exactly, from the sizes
 * the database reported for both (JDBC {@code COLUMN_SIZE} and {@code DECIMAL_DIGITS}). A narrower
 * target rounds or truncates silently ({@code numeric(30,10)} into {@code numeric(30,2)},
 * {@code float8} into {@code real}, {@code timestamp(6)} into {@code timestamp(0)}), or fails late.
 *
 * <p>Lengths and decimal precision/scale mean the same in every database and are always compared.
 * Integer and float widths and fractional seconds are reported differently by each driver (MariaDB
 * gives the fraction of a {@code DATETIME} in its size, not its scale), so they are compared only
 * when backup and target are the same product. Columns of different value types are
 * {@link RestoreRunner}'s concern, except integers into decimals.
 */
final class ColumnFit {

    /** What PostgreSQL reports for {@code numeric} without a precision. */
    private static final int UNBOUNDED = 0;

    private ColumnFit() {
    }

    /**
     * Returns why {@code target} cannot hold every value of {@code source}, or empty when it can.
     *
     * @param source the backed-up column
     * @param target the target column
     * @param sameProduct whether backup and target come from the same database product
     * @return the reason, naming both types ({@code "numeric(30,10) does not fit numeric(30,2): scale 10 > 2"})
     */
    static Optional<String> narrowing(ColumnSchema source, ColumnSchema target, boolean sameProduct) {
        ValueType type = source.valueType();
        if (type == ValueType.INTEGER && target.valueType() == ValueType.DECIMAL && sameProduct
                && target.size() != UNBOUNDED && target.size() - target.scale() < source.size()) {
            return reason(source, target, "an integer of " + source.size() + " digits does not fit "
                    + (target.size() - target.scale()) + " integer digits");
        }
        if (type != target.valueType()) {
            return Optional.empty();
        }
        return switch (type) {
            case STRING, BINARY -> target.size() > 0 && source.size() > target.size()
                    ? reason(source, target, "length " + source.size() + " > " + target.size())
                    : Optional.empty();
            case DECIMAL -> decimal(source, target);
            case INTEGER -> sameProduct && (source.size() > target.size()
                    || unsigned(source) && !unsigned(target) && source.size() >= target.size())
                    ? reason(source, target, "a narrower integer")
                    : Optional.empty();
            case FLOAT -> sameProduct && source.size() > target.size()
                    ? reason(source, target, "a narrower floating-point type (" + source.size() + " > " + target.size()
                            + " digits)")
                    : Optional.empty();
            case TIME, TIMESTAMP, TIMESTAMP_TZ -> sameProduct && (source.scale() > target.scale()
                    || source.scale() == 0 && target.scale() == 0 && source.size() > target.size())
                    ? reason(source, target, "fewer fractional-second digits")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> decimal(ColumnSchema source, ColumnSchema target) {
        if (target.size() == UNBOUNDED) {
            return Optional.empty();
        }
        if (source.size() == UNBOUNDED) {
            return reason(source, target, "an unbounded numeric does not fit precision " + target.size());
        }
        if (source.scale() > target.scale()) {
            return reason(source, target, "scale " + source.scale() + " > " + target.scale());
        }
        if (source.size() - source.scale() > target.size() - target.scale()) {
            return reason(source, target, (source.size() - source.scale()) + " integer digits > "
                    + (target.size() - target.scale()));
        }
        return Optional.empty();
    }

    private static boolean unsigned(ColumnSchema column) {
        return column.typeName().toUpperCase(Locale.ROOT).contains("UNSIGNED");
    }

    private static Optional<String> reason(ColumnSchema source, ColumnSchema target, String why) {
        return Optional.of(describe(source) + " does not fit " + describe(target) + ": " + why);
    }

    private static String describe(ColumnSchema c) {
        return switch (c.valueType()) {
            case DECIMAL -> c.size() == UNBOUNDED ? c.typeName() : c.typeName() + "(" + c.size() + "," + c.scale() + ")";
            case STRING, BINARY -> c.size() > 0 && c.size() < Integer.MAX_VALUE ? c.typeName() + "(" + c.size() + ")"
                    : c.typeName();
            case TIME, TIMESTAMP, TIMESTAMP_TZ -> c.typeName() + " (size " + c.size() + ", scale " + c.scale() + ")";
            default -> c.typeName();
        };
    }
}
