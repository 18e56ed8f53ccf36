package io.github.dbbackup.jdbc.internal;

import java.util.regex.Pattern;

/** Removes credentials from JDBC URLs and messages before they reach a manifest, a log or an event. */
public final class JdbcUrls {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?;]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd|pass|secret|token|sslpassword|sslkey|credentials?|access[_-]?key)=)[^&;?\\s]*");

    private JdbcUrls() {
    }

    /**
     * Masks a JDBC URL: user info ({@code user:pass@}) and secret-looking parameters become
     * {@code ***}.
     *
     * @param url the URL, may be {@code null}
     * @return the masked URL, empty for {@code null}
     */
    public static String mask(String url) {
        if (url == null) {
            return "";
        }
        return maskSecrets(USER_INFO.matcher(url).replaceAll("$1***@"));
    }

    /**
     * Masks secret-looking {@code key=value} pairs in free text (a driver message may quote the URL).
     *
     * @param text the text, may be {@code null}
     * @return the masked text, empty for {@code null}
     */
    public static String maskSecrets(String text) {
        if (text == null) {
            return "";
        }
        return SECRET_PARAM.matcher(text).replaceAll("$1***");
    }
}
