/**
 * Blob stores that ship with the core: {@link io.github.dbbackup.core.store.InMemoryBlobStore} for tests and demos.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation says
 * otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core.store;
