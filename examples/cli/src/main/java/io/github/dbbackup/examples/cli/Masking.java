package io.github.dbbackup.examples.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from everything the CLI prints: the user info of URLs ({@code //user:pass@}),
 * secret-looking URL parameters ({@code password=…}), and the literal password the CLI was given
 * through {@code DBBACKUP_PASSWORD}, wherever it appears (a driver may quote it).
 */
final class Masking {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?;\\s]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd|pass|secret|token|sslpassword|sslkey|credentials?|access[_-]?key)=)[^&;?\\s]*");

    /** Secrets shorter than this are not replaced literally: "ab" would garble every message. */
    private static final int MIN_LITERAL = 3;

    private final List<String> secrets;

    private Masking(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= MIN_LITERAL).toList();
    }

    /**
     * Masks URLs and the given literal secrets.
     *
     * @param secrets values that must never be printed (the password from the environment)
     * @return the masking
     */
    static Masking of(List<String> secrets) {
        return new Masking(List.copyOf(secrets));
    }

    /**
     * Masks one text.
     *
     * @param text any text, may be {@code null}
     * @return the text without credentials; empty for {@code null}
     */
    String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = SECRET_PARAM.matcher(USER_INFO.matcher(text).replaceAll("$1***@")).replaceAll("$1***");
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }
}
