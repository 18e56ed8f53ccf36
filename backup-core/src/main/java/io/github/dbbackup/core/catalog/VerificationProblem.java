package io.github.dbbackup.core.catalog;

import java.util.Objects;

/**
 * One failed check of a verification: which blob, and what is wrong with it.
 *
 * @param key the blob key concerned: a part's key, the manifest's key, or the set's prefix
 *     ({@code <id>/}) when the set could not be listed
 * @param reason what is wrong and what to do next; never holds row values
 * @since 0.1
 */
public record VerificationProblem(String key, String reason) {

    /** Checks the components. */
    public VerificationProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("problem with '" + key + "': reason must not be blank");
        }
    }
}
