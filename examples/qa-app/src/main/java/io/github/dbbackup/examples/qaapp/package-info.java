/**
 * The QA-app, dbbackup's reference application: a QA test-management app whose disaster-recovery
 * runbook dbbackup automates. {@link io.github.dbbackup.examples.qaapp.QaAppSchema} creates its 21
 * tables on PostgreSQL, MariaDB or H2, {@link io.github.dbbackup.examples.qaapp.QaAppData} fills
 * them with deterministic sample data, and {@link io.github.dbbackup.examples.qaapp.QaAppPlan} is
 * the runbook's backup plan. Demos, tests and benchmarks use it; it needs only {@code java.sql},
 * the host supplies the JDBC driver.
 *
 * <p>Stability: example code, not published. Everything in this package is non-null unless a
 * member's documentation says otherwise.
 */
package io.github.dbbackup.examples.qaapp;
