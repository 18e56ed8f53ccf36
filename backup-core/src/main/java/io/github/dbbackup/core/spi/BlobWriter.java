package io.github.dbbackup.core.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the content of one blob. Called exactly once by {@link BlobStore#put}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface BlobWriter {

    /**
     * Writes the whole blob to {@code out}. Must not close {@code out}. Throwing (any exception)
     * abandons the blob: nothing becomes visible under its key.
     *
     * @param out where to write; owned by the store
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
}
