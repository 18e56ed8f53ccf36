/**
 * Optional PostgreSQL bulk loading for restores: {@code COPY … FROM STDIN} through pgjdbc's COPY API,
 * found by {@link java.util.ServiceLoader} when this jar and the PostgreSQL driver are on the class
 * path. Nothing to configure; {@code JdbcTarget.builder(ds).bulkLoad(false)} turns it off.
 *
 * <p>Stability: public API (the provider); non-null by default.
 */
package io.github.dbbackup.pgcopy;
