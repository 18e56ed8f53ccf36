/**
 * The built-in codecs and the registry that finds codecs by id.
 *
 * <p>Stability: internal; may change in any release. Not exported by the module; other modules never
 * import it. Non-null by default.
 */
package io.github.dbbackup.core.internal.codec;
