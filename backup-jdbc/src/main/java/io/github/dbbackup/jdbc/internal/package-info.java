/**
 * JDBC internals: introspection, snapshots, cursors, dialect selection, error wrapping.
 *
 * <p>Stability: internal; may change in any release. Non-null by default.
 */
package io.github.dbbackup.jdbc.internal;
