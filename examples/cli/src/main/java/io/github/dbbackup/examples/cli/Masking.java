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
    /** User info a driver quotes without its {@code //}: {@code UnknownHostException: bob:pw@db}. */
    private static final Pattern BARE_USER_INFO = Pattern.compile("[^\\s/'\"`()<>\\[\\],;=*]+@(?=[\\w\\[])");
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
        masked = BARE_USER_INFO.matcher(masked).replaceAll("***@");
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }

    /**
     * Returns this masking plus one more literal secret.
     *
     * @param secret a value that must never be printed
     * @return the new masking
     */
    Masking and(String secret) {
        List<String> all = new java.util.ArrayList<>(secrets);
        all.add(secret);
        return new Masking(all);
    }

    /**
     * Copies an exception chain with every message masked, for printing a stack trace: the
     * original's {@code printStackTrace} would print the drivers' own messages as they are.
     * Copies print as the original class, keep the stack frames, causes and suppressed exceptions.
     *
     * @param t the exception
     * @return the masked copy
     */
    Throwable copy(Throwable t) {
        return copy(t, new java.util.IdentityHashMap<>());
    }

    private Throwable copy(Throwable t, java.util.Map<Throwable, Throwable> copies) {
        Throwable done = copies.get(t);
        if (done != null) {
            return done;
        }
        Throwable copy = new MaskedCopy(t.getClass().getName(), t.getMessage() == null ? null : mask(t.getMessage()));
        copies.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            copy.initCause(copy(t.getCause(), copies));
        }
        if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
            copy.addSuppressed(copy(sql.getNextException(), copies));
        }
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, copies));
        }
        return copy;
    }

    /** A masked copy of an exception; prints as the original class. */
    private static final class MaskedCopy extends Exception {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        MaskedCopy(String originalClass, String message) {
            super(message);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
