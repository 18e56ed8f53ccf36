/**
 * A set's life in a store: ids, listing, the lease that protects a running backup, what a listing says.
 *
 * <p>Stability: internal; may change in any release. Not exported by the module; other modules never
 * import it. Non-null by default.
 */
package io.github.dbbackup.core.internal.store;
