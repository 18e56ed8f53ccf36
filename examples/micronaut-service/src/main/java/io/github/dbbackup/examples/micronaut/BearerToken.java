package io.github.dbbackup.examples.micronaut;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks an {@code Authorization: Bearer <token>} header against the configured secret in constant
 * time: both are hashed with SHA-256 and compared with {@link MessageDigest#isEqual}, so neither the
 * content nor the length of the secret leaks through timing.
 */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /**
     * Returns whether the header carries exactly the secret.
     *
     * @param secret the configured secret, not blank
     * @param authorization the header's value, or {@code null} when it is missing
     * @return {@code true} only for {@code Bearer <secret>} (scheme case-insensitive)
     */
    static boolean matches(String secret, String authorization) {
        if (secret.isBlank() || authorization == null || authorization.length() < SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        String presented = authorization.substring(SCHEME.length()).trim();
        return MessageDigest.isEqual(sha256(presented), sha256(secret));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
