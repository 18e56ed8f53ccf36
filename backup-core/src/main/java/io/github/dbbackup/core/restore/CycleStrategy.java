package io.github.dbbackup.core.restore;

/**
 * How a restore writes tables whose foreign keys form a cycle (including a self-reference), in
 * order of preference.
 *
 * @since 0.1
 */
public enum CycleStrategy {
    /** The cycle's constraints are deferrable: checked at commit (PostgreSQL {@code SET CONSTRAINTS ALL DEFERRED}). */
    DEFERRED_CONSTRAINTS,
    /** Nullable foreign-key columns in the cycle are written as NULL, then set by UPDATE after all rows are in. */
    NULL_THEN_UPDATE,
    /** PostgreSQL superuser: {@code session_replication_role = replica}; integrity checked by queries before commit. */
    REPLICATION_ROLE,
    /** PostgreSQL table owner: the cycle's constraints are dropped and re-added inside the transaction. */
    DROP_AND_RECREATE,
    /** MariaDB/MySQL: {@code FOREIGN_KEY_CHECKS = 0}; integrity checked by queries before commit. */
    FOREIGN_KEY_CHECKS_OFF,
    /** H2: {@code SET REFERENTIAL_INTEGRITY FALSE}; integrity checked by queries before commit. */
    REFERENTIAL_INTEGRITY_OFF
}
