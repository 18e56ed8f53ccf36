/**
 * Benchmarks of dbbackup against {@code pg_dump}/{@code pg_restore} on the same PostgreSQL data.
 *
 * <p>Stability: tooling, not API. Non-null by default.
 */
package io.github.dbbackup.benchmarks;
