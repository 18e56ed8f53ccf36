package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.spi.KeyRange;
import io.github.dbbackup.core.spi.KeySpan;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides what an export reads, slice by slice, and in which order. One worker reads whole tables in
 * restore order. Several workers read the largest tables first, and a table of at least
 * {@code splitMinRows} rows with a single-column integer primary key is cut into one key range per
 * worker, so that one big table keeps every worker busy.
 */
final class ExportSchedule {

    /**
     * One slice of work: a whole table ({@code range == null}) or one key range of it.
     *
     * @param position the table's position in restore order
     * @param table the table
     * @param range the key range, {@code null} for the whole table
     * @param weight the estimated rows, for ordering
     */
    record Task(int position, PlanResolver.IncludedTable table, KeyRange range, long weight) {

        RowQuery query() {
            TableSchema schema = table.schema();
            return new RowQuery(schema, schema.columns(), schema.primaryKey(), table.rowFilter(), range);
        }
    }

    private ExportSchedule() {
    }

    /**
     * Whole tables in restore order.
     *
     * @param inOrder the tables in restore order
     * @return the tasks
     */
    static List<Task> serial(List<PlanResolver.IncludedTable> inOrder) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            tasks.add(new Task(i, inOrder.get(i), null, -1));
        }
        return tasks;
    }

    /**
     * Largest first, big tables split into one key range per worker.
     *
     * @param snapshot the snapshot to ask for key spans
     * @param inOrder the tables in restore order
     * @param estimates the tables' estimated rows, in restore order ({@code -1} when unknown)
     * @param workers the number of workers, at least 2
     * @param splitMinRows the estimated rows from which a table is split
     * @return the tasks, heaviest first
     */
    static List<Task> parallel(SourceSnapshot snapshot, List<PlanResolver.IncludedTable> inOrder, List<Long> estimates,
            int workers, long splitMinRows) {
        List<Task> tasks = new ArrayList<>();
        for (int position = 0; position < inOrder.size(); position++) {
            PlanResolver.IncludedTable table = inOrder.get(position);
            long estimate = estimates.get(position);
            Optional<String> key = integerKey(table.schema());
            Optional<KeySpan> span = Optional.empty();
            if (key.isPresent() && (estimate < 0 || estimate >= splitMinRows)) {
                Task whole = new Task(position, table, null, estimate);
                span = snapshot.keySpan(whole.query(), key.get());
            }
            long rows = estimate >= 0 ? estimate : span.map(ExportSchedule::width).orElse(0L);
            if (span.isPresent() && rows >= splitMinRows && width(span.get()) >= workers) {
                for (KeyRange range : split(span.get(), workers)) {
                    tasks.add(new Task(position, table, range, rows / workers));
                }
            } else {
                tasks.add(new Task(position, table, null, rows));
            }
        }
        // Stable: equal weights keep restore order, and the ranges of a table stay in key order.
        tasks.sort(Comparator.comparingLong(Task::weight).reversed());
        return tasks;
    }

    /**
     * Cuts a key span into {@code count} ranges of equal width; the first has no lower bound and the
     * last no upper bound.
     *
     * @param span the keys seen
     * @param count the number of ranges, at most the span's width
     * @return the ranges in key order
     */
    static List<KeyRange> split(KeySpan span, int count) {
        BigInteger min = BigInteger.valueOf(span.min());
        BigInteger width = BigInteger.valueOf(span.max()).subtract(min).add(BigInteger.ONE);
        List<KeyRange> ranges = new ArrayList<>();
        Long from = null;
        for (int i = 1; i < count; i++) {
            long to = min.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count))).longValueExact();
            ranges.add(new KeyRange(span.column(), from, to));
            from = to;
        }
        ranges.add(new KeyRange(span.column(), from, null));
        return ranges;
    }

    private static long width(KeySpan span) {
        BigInteger width = BigInteger.valueOf(span.max()).subtract(BigInteger.valueOf(span.min())).add(BigInteger.ONE);
        return width.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    private static Optional<String> integerKey(TableSchema schema) {
        if (schema.primaryKey().size() != 1) {
            return Optional.empty();
        }
        return schema.column(schema.primaryKey().get(0)).filter(c -> c.valueType() == ValueType.INTEGER)
                .map(ColumnSchema::name);
    }
}
