/**
 * The backup run: plan resolution, export schedule (parallel and split tables), part writing and its checks.
 *
 * <p>Stability: internal; may change in any release. Not exported by the module; other modules never
 * import it. Non-null by default.
 */
package io.github.dbbackup.core.internal.backup;
