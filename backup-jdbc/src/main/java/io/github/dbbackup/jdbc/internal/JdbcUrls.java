package io.github.dbbackup.jdbc.internal;

import java.util.regex.Pattern;

/** Removes credentials from JDBC URLs and messages before they reach a manifest, a log or an event. */
public final class JdbcUrls {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?;]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd|pass|secret|token|sslpassword|sslkey|credentials?|access[_-]?key)=)[^&;?\\s]*");
    /**
     * User info anywhere, also where a driver quotes a URL it could not parse without its {@code //}
     * ({@code UnknownHostException: bob:s3cret@db}, {@code Incorrect port value : s3cret@db}).
     */
    private static final Pattern USER_INFO_ANYWHERE = Pattern.compile("[^\\s/'\"`()<>\\[\\],;=]+@(?=[\\w\\[])");

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
     * Masks secret-looking {@code key=value} pairs and user info ({@code user:pass@host}) in free text
     * (a driver message may quote the URL, or part of it).
     *
     * @param text the text, may be {@code null}
     * @return the masked text, empty for {@code null}
     */
    public static String maskSecrets(String text) {
        if (text == null) {
            return "";
        }
        return USER_INFO_ANYWHERE.matcher(SECRET_PARAM.matcher(text).replaceAll("$1***")).replaceAll("***@");
    }
}
