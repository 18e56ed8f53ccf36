/**
 * The backup plan: which tables to back up ({@link io.github.dbbackup.core.plan.TableSpec}), which to leave out and why ({@link io.github.dbbackup.core.plan.ExclusionPolicy}).
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation says
 * otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core.plan;
