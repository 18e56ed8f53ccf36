package io.github.dbbackup.examples.micronaut;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.dbbackup.core.BackupJobResult;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON bodies of the API. */
final class ApiResponses {

    private ApiResponses() {
    }

    /**
     * A backup made by the trigger endpoint.
     *
     * @param id the new set's id
     * @param tables how many tables it holds
     * @param rows how many rows
     * @param bytes the stored size of its parts
     * @param durationMillis how long the backup took
     * @param pruned the ids of the sets the prune after it deleted
     * @param pruneComplete whether that prune reported no failure
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BackupCreated(String id, int tables, long rows, long bytes, long durationMillis, List<String> pruned,
            boolean pruneComplete) {

        static BackupCreated of(BackupJobResult result) {
            return new BackupCreated(result.backup().id(), result.backup().tables().size(), result.backup().totalRows(),
                    result.backup().totalBytes(), result.backup().duration().toMillis(), result.prune().deleted(),
                    result.isComplete());
        }
    }

    /**
     * One complete set, as {@code GET /api/backups} lists it.
     *
     * @param id the set's id
     * @param createdAt when it was made, ISO-8601 UTC
     * @param tables how many tables it holds
     * @param rows how many rows
     * @param bytes the stored size of its parts
     * @param pinned whether it is pinned (never pruned)
     * @param verified whether its last verification passed
     */
    @Serdeable
    record BackupSet(String id, String createdAt, int tables, long rows, long bytes, boolean pinned, boolean verified) {

        static BackupSet of(BackupSetInfo info) {
            return new BackupSet(info.id(), info.createdAt().toString(), info.tables(), info.rows(), info.bytes(),
                    info.pinned(), info.isVerified());
        }
    }

    /**
     * The complete sets, newest first.
     *
     * @param backups the sets
     */
    @Serdeable
    record BackupList(List<BackupSet> backups) {
    }

    /**
     * Why a request did not succeed.
     *
     * @param error a stable code: {@code unauthorized}, {@code disabled}, {@code busy}, {@code backup-failed}
     * @param message what happened and what to do
     */
    @Serdeable
    record Error(String error, String message) {
    }
}
