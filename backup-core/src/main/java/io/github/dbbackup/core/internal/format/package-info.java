/**
 * Format v1 reader and writer (see docs/FORMAT.md) on jackson-core's streaming API. Jackson's
 * checked exceptions never leave this package.
 *
 * <p>Stability: internal; may change in any release. Other modules never import it. Non-null by
 * default.
 */
package io.github.dbbackup.core.internal.format;
