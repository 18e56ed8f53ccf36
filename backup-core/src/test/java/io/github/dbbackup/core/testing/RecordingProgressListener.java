package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.event.OperationFailed;
import io.github.dbbackup.core.event.OperationFinished;
import io.github.dbbackup.core.event.OperationStarted;
import io.github.dbbackup.core.event.PartDone;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.event.RowsProgressed;
import io.github.dbbackup.core.event.TableFinished;
import io.github.dbbackup.core.event.TableStarted;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ProgressListener} that records every event (the event records themselves) in the order
 * they arrived, from any thread. Thread-safe.
 */
public final class RecordingProgressListener implements ProgressListener {
    private final List<Object> events = new ArrayList<>();

    /**
     * Returns the events so far, in arrival order.
     *
     * @return a copy
     */
    public synchronized List<Object> events() {
        return List.copyOf(events);
    }

    /**
     * Returns the events of one table (its start, rows, parts and finish), in arrival order.
     *
     * @param table the table's name
     * @return a copy
     */
    public synchronized List<Object> eventsOf(String table) {
        return events.stream().filter(e -> table.equals(tableOf(e))).toList();
    }

    /**
     * Returns the events of one type, in arrival order.
     *
     * @param type e.g. {@code PartDone.class}
     * @param <E> the type
     * @return a copy
     */
    public synchronized <E> List<E> eventsOf(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String tableOf(Object event) {
        if (event instanceof TableStarted e) {
            return e.table();
        }
        if (event instanceof RowsProgressed e) {
            return e.table();
        }
        if (event instanceof PartDone e) {
            return e.table();
        }
        if (event instanceof TableFinished e) {
            return e.table();
        }
        return null;
    }

    private synchronized void add(Object event) {
        events.add(event);
    }

    @Override
    public void operationStarted(OperationStarted event) {
        add(event);
    }

    @Override
    public void tableStarted(TableStarted event) {
        add(event);
    }

    @Override
    public void rowsProgressed(RowsProgressed event) {
        add(event);
    }

    @Override
    public void partDone(PartDone event) {
        add(event);
    }

    @Override
    public void tableFinished(TableFinished event) {
        add(event);
    }

    @Override
    public void operationFinished(OperationFinished event) {
        add(event);
    }

    @Override
    public void operationFailed(OperationFailed event) {
        add(event);
    }
}
