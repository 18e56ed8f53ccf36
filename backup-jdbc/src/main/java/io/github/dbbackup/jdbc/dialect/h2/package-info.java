/**
 * The h2 dialect. Public so hosts can pass it explicitly and third parties can extend it.
 *
 * <p>Stability: public API. Non-null by default.
 */
package io.github.dbbackup.jdbc.dialect.h2;
