/**
 * The backup run: plan resolution, export schedule (parallel and split tables), the connections, the
 * workers, part writing and its checks, the commit (manifest last) and the cleanup after a failure.
 *
 * <p>Stability: internal; may change in any release. Not exported by the module; other modules never
 * import it. Non-null by default.
 */
package io.github.dbbackup.core.internal.backup;
