/**
 * Orchestration internals: plan resolution, restore order, the backup run.
 *
 * <p>Stability: internal; may change in any release. Other modules never import it. Non-null by
 * default.
 */
package io.github.dbbackup.core.internal;
