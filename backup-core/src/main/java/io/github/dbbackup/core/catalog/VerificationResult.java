package io.github.dbbackup.core.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying one backup set: clean when {@link #problems()} is empty. Written as the
 * sidecar {@code <id>/verification.json} and shown by {@link BackupCatalog} as a set's last
 * verification.
 *
 * @param backupId the set verified
 * @param level how thoroughly it was checked
 * @param verifiedAt when the verification finished
 * @param duration how long it took
 * @param partsChecked the number of parts that were checked (all of the manifest's parts, unless
 *     the manifest itself failed)
 * @param rowsChecked the number of rows streamed and validated; 0 for {@link VerificationLevel#QUICK}
 * @param problems every failed check, in the manifest's part order; empty when the set is clean
 * @since 0.1
 */
public record VerificationResult(
        String backupId,
        VerificationLevel level,
        Instant verifiedAt,
        Duration duration,
        int partsChecked,
        long rowsChecked,
        List<VerificationProblem> problems) {

    /** Checks the components. */
    public VerificationResult {
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(duration, "duration");
        problems = List.copyOf(problems);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("verification of '" + backupId + "': duration was " + duration
                    + " but it must not be negative");
        }
        if (partsChecked < 0 || rowsChecked < 0) {
            throw new IllegalArgumentException("verification of '" + backupId
                    + "': partsChecked and rowsChecked must not be negative");
        }
    }

    /**
     * Returns whether every check passed.
     *
     * @return {@code true} when there is no problem
     */
    public boolean isOk() {
        return problems.isEmpty();
    }
}
