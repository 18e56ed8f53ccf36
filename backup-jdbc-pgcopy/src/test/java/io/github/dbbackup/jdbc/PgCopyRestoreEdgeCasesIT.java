package io.github.dbbackup.jdbc;

/**
 * PostgreSQL's restore edge cases (cycles, corrupt and truncated parts, triggers, sequences) with the
 * COPY loader on the class path: a failure in the middle of a COPY still leaves the target unchanged.
 */
class PgCopyRestoreEdgeCasesIT extends PostgreSqlRestoreEdgeCasesIT {
}
