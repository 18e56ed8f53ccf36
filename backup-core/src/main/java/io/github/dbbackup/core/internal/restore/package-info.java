/**
 * The restore run: order, preflight checks (replace guard, column fit, privileges) and execution.
 *
 * <p>Stability: internal; may change in any release. Not exported by the module; other modules never
 * import it. Non-null by default.
 */
package io.github.dbbackup.core.internal.restore;
