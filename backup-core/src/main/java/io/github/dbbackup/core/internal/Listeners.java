package io.github.dbbackup.core.internal;

import io.github.dbbackup.core.event.OperationFailed;
import io.github.dbbackup.core.event.OperationFinished;
import io.github.dbbackup.core.event.OperationStarted;
import io.github.dbbackup.core.event.PartDone;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.event.RowsProgressed;
import io.github.dbbackup.core.event.TableFinished;
import io.github.dbbackup.core.event.TableStarted;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each event to every listener in order; a listener that throws is logged and skipped, so that
 * no listener can fail or change an operation.
 */
public final class Listeners implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** No listener: every event is dropped. */
    public static final Listeners NONE = new Listeners(List.of());

    private final List<ProgressListener> listeners;

    private Listeners(List<ProgressListener> listeners) {
        this.listeners = listeners;
    }

    /**
     * Combines listeners.
     *
     * @param listeners the listeners, called in order
     * @return the combination ({@link #NONE} when empty)
     */
    public static Listeners of(List<ProgressListener> listeners) {
        listeners.forEach(l -> Objects.requireNonNull(l, "listener"));
        return listeners.isEmpty() ? NONE : new Listeners(List.copyOf(listeners));
    }

    /**
     * Returns whether no listener is registered, so that callers can skip building events.
     *
     * @return true when every event is dropped
     */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /**
     * Returns the short, stable reason recorded for a failure: the exception's simple class name.
     *
     * @param failure the failure
     * @return e.g. {@code SchemaMismatchException}
     */
    public static String reasonOf(Throwable failure) {
        return failure.getClass().getSimpleName();
    }

    @Override
    public void operationStarted(OperationStarted event) {
        each(event, ProgressListener::operationStarted);
    }

    @Override
    public void tableStarted(TableStarted event) {
        each(event, ProgressListener::tableStarted);
    }

    @Override
    public void rowsProgressed(RowsProgressed event) {
        each(event, ProgressListener::rowsProgressed);
    }

    @Override
    public void partDone(PartDone event) {
        each(event, ProgressListener::partDone);
    }

    @Override
    public void tableFinished(TableFinished event) {
        each(event, ProgressListener::tableFinished);
    }

    @Override
    public void operationFinished(OperationFinished event) {
        each(event, ProgressListener::operationFinished);
    }

    @Override
    public void operationFailed(OperationFailed event) {
        each(event, ProgressListener::operationFailed);
    }

    private <E> void each(E event, BiConsumer<ProgressListener, E> call) {
        for (ProgressListener listener : listeners) {
            try {
                call.accept(listener, event);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("progress listener {} failed on {}; the operation is unaffected: {}",
                        listener.getClass().getName(), event, e.toString());
            }
        }
    }
}
