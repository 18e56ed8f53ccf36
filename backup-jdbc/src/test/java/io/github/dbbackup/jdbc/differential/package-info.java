/**
 * The randomized, differential round trip of issue #12, shipped in {@code backup-jdbc}'s test-jar:
 * per dialect ({@link io.github.dbbackup.jdbc.differential.PostgreSqlDifferential},
 * {@link io.github.dbbackup.jdbc.differential.MariaDbDifferential},
 * {@link io.github.dbbackup.jdbc.differential.H2Differential}) a seeded table over every column type
 * with each type's edge values, backed up, verified, restored through every path and compared with
 * the source as the database prints it ({@link io.github.dbbackup.jdbc.differential.DifferentialRoundTrip}).
 * Known bugs are listed in {@link io.github.dbbackup.jdbc.differential.KnownBroken}. See ADR 0011.
 *
 * <p>Test support, not API. Non-null by default.
 */
package io.github.dbbackup.jdbc.differential;
