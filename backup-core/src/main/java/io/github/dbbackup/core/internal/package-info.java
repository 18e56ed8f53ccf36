/**
 * Helpers shared by the internal packages: safe audit recording, durations in words, the listeners
 * and the progress events of one operation ({@code OperationEvents}).
 *
 * <p>Stability: internal; may change in any release. Not exported by the module; other modules never
 * import it. Non-null by default.
 */
package io.github.dbbackup.core.internal;
