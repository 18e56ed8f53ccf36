package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.BackupDatabaseException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Wraps {@link SQLException}s into {@link BackupDatabaseException}s, keeping SQLState and vendor code,
 * and keeping credentials and row values out of every message and every exception it hands on.
 *
 * <p>Database messages quote the rows they reject ({@code Key (email)=(alice@example.com) already
 * exists}, {@code Failing row contains (…)}, {@code Duplicate entry '…' for key …}, COPY's
 * {@code column ts: "…"}). Those messages end up on a terminal, in logs and in audit tables, so
 * {@link #scrub(String)} keeps what names the failure (table, column, constraint, SQLState) and
 * replaces the values by {@code …}. The wrapped exception's cause is a scrubbed copy of the driver's
 * chain ({@link #sanitizedCopy(Throwable)}), so a printed stack trace does not leak either.
 */
public final class SqlErrors {

    /** What stands in for a dropped value. */
    static final String DROPPED = "…";

    private static final String LINE_END = "(?=[ \\t]*(?:\\R|\\z)|\\s+Call getNextException)";

    /** Pattern, replacement: applied in order, each on the whole message. */
    private static final List<Map.Entry<Pattern, String>> VALUES = List.of(
            // PostgreSQL batch entries quote the whole statement with its parameters inlined
            rule("(?s)(Batch entry \\d+) .*?( was aborted)", "$1$2"),
            // PostgreSQL: Key (email)=(alice@example.com) already exists / is not present / conflicts with …
            rule("(?is)(key \\((?:[^()]|\\([^()]*\\))*\\)=\\().*?(\\)(?= already exists| is not present| is still"
                    + " referenced| conflicts with|\\.?" + LINE_END + "))", "$1" + DROPPED + "$2"),
            // PostgreSQL: Failing row contains (…)
            rule("(?s)(Failing row contains )\\(.*?(?=\\.?[ \\t]*\\R\\s*\\w[\\w ]*:|\\.?\\s+Call getNextException|\\.?\\s*\\z)",
                    "$1(" + DROPPED + ")"),
            // PostgreSQL: ...: "value" at the end of a line (invalid input syntax for type X, COPY t, line 3, column c)
            rule("(?m)(: )\"[^\\n]*\"" + LINE_END, "$1\"" + DROPPED + "\""),
            // MariaDB: Duplicate entry 'x' for key 'k'; Incorrect integer value: 'x' for column …
            rule("(Duplicate entry )'[^\\n]*'( for key )", "$1'" + DROPPED + "'$2"),
            rule("(value: )'[^\\n]*?'(?= for |" + LINE_END + ")", "$1'" + DROPPED + "'"),
            rule("(?im)^(\\s*Parameters?:).*$", "$1 " + DROPPED),
            // H2: … VALUES ( /* 2 */ 'x' )", … REFERENCES PUBLIC.P(ID) (CAST(5 AS BIGINT))", converting "'x' (…)"
            rule("(?s)( VALUES )\\(.*?\\)(?=\"[;:\\s]|\"\\z)", "$1(" + DROPPED + ")"),
            rule("(REFERENCES [^\"(\\s]+\\([^)\"]*\\)) \\(.*?\\)(?=\"[;:\\s]|\"\\z)", "$1 (" + DROPPED + ")"),
            rule("(Data conversion error converting )\"[^\\n]*?\"(?=[;:\\s]|\\z)", "$1\"" + DROPPED + "\""),
            rule("(Value too long for column \"[^\"\\n]*\": )\"[^\\n]*?\"(?=[;:\\s]|\\z)", "$1\"" + DROPPED + "\""));

    private SqlErrors() {
    }

    private static Map.Entry<Pattern, String> rule(String regex, String replacement) {
        return Map.entry(Pattern.compile(regex), replacement);
    }

    /**
     * Wraps a JDBC failure. The message names what failed, the database's own message (following
     * {@code getNextException()}, where batch failures hide the real error), SQLState and code;
     * credentials and row values are removed ({@link #scrub(String)}), and so is the cause chain.
     *
     * @param what what was being done ("Reading table 'users'"), with what to do next if known
     * @param e the failure
     * @return the exception to throw
     */
    public static BackupDatabaseException wrap(String what, SQLException e) {
        SQLException root = e;
        StringBuilder message = new StringBuilder(what).append(" failed: ").append(shorten(e.getMessage()));
        Set<String> said = new HashSet<>();
        said.add(shorten(e.getMessage()));
        Set<SQLException> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(e);
        int chained = 0;
        for (SQLException next = e.getNextException(); next != null && seen.add(next); next = next.getNextException()) {
            String text = shorten(next.getMessage());
            if (said.add(text) && chained++ < MAX_CHAINED) {
                message.append(" / ").append(text);
            }
            if (root.getSQLState() == null && next.getSQLState() != null) {
                root = next;
            }
        }
        if (chained > MAX_CHAINED) {
            message.append(" / … ").append(chained - MAX_CHAINED).append(" more");
        }
        String state = root.getSQLState() == null ? "" : root.getSQLState();
        message.append(" (SQLState ").append(state.isEmpty() ? "unknown" : state)
                .append(", vendor code ").append(root.getErrorCode()).append(')');
        return new BackupDatabaseException(message.toString(), state, root.getErrorCode(), sanitizedCopy(e));
    }

    /**
     * Removes credentials and row values from a database message, keeping the names of tables,
     * columns and constraints.
     *
     * @param message a driver's message, may be {@code null}
     * @return the scrubbed message; empty for {@code null}
     */
    public static String scrub(String message) {
        String scrubbed = JdbcUrls.maskSecrets(message);
        for (Map.Entry<Pattern, String> rule : VALUES) {
            scrubbed = rule.getKey().matcher(scrubbed).replaceAll(rule.getValue());
        }
        return scrubbed;
    }

    /**
     * Copies an exception chain (causes, SQL next-exceptions, suppressed) with every message
     * {@linkplain #scrub(String) scrubbed}, keeping class names (in {@code toString()}), SQLStates,
     * vendor codes and stack traces. Hand the copy on instead of the original, whose messages may
     * hold row values or credentials.
     *
     * @param t the original, may be {@code null}
     * @return the copy, {@code null} for {@code null}
     */
    public static Throwable sanitizedCopy(Throwable t) {
        return copy(t, new IdentityHashMap<>());
    }

    private static Throwable copy(Throwable t, Map<Throwable, Throwable> copies) {
        if (t == null) {
            return null;
        }
        Throwable done = copies.get(t);
        if (done != null) {
            return done;
        }
        Throwable copy;
        if (t instanceof SQLException sql) {
            SanitizedSqlException c = new SanitizedSqlException(sql.getClass().getName(), scrubOrNull(sql.getMessage()),
                    sql.getSQLState(), sql.getErrorCode());
            copies.put(t, c);
            SQLException next = sql.getNextException();
            if (next != null && !copies.containsKey(next)) {
                c.setNextException((SQLException) copy(next, copies));
            }
            copy = c;
        } else {
            copy = new SanitizedException(t.getClass().getName(), scrubOrNull(t.getMessage()));
            copies.put(t, copy);
        }
        copy.setStackTrace(t.getStackTrace());
        Throwable cause = t.getCause();
        if (cause != null && cause != t) {
            copy.initCause(copy(cause, copies));
        }
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, copies));
        }
        return copy;
    }

    private static String scrubOrNull(String message) {
        return message == null ? null : scrub(message);
    }

    /** Batch failures repeat one error per row, and drivers quote whole multi-row statements: keep it readable. */
    private static final int MAX_CHAINED = 3;
    private static final int MAX_MESSAGE = 600;

    private static String shorten(String message) {
        String masked = scrub(message).strip();
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "…";
    }

    /** A scrubbed copy of a driver's {@link SQLException}; prints as the original class. */
    static final class SanitizedSqlException extends SQLException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        SanitizedSqlException(String originalClass, String message, String sqlState, int vendorCode) {
            super(message, sqlState, vendorCode);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }

    /** A scrubbed copy of any other exception in a driver's chain; prints as the original class. */
    static final class SanitizedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        SanitizedException(String originalClass, String message) {
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
