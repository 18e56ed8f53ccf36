package io.github.dbbackup.jdbc.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small operations on PostgreSQL and MariaDB JDBC URLs. */
final class JdbcUrls {

    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)([?&;](?:password|passwd|pwd|sslpassword|sslkey)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@?;]*?:)[^/@?;]*@");

    private JdbcUrls() {
    }

    /**
     * Replaces the database of a URL of the form {@code jdbc:<sub>://hosts[/database][?params]} or
     * {@code jdbc:<sub>:database[?params]}.
     */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int authority = base.indexOf("//");
        if (authority < 0) {
            int colon = base.indexOf(':', "jdbc:".length());
            if (!base.startsWith("jdbc:") || colon < 0) {
                throw new IllegalArgumentException("Not a JDBC URL: " + mask(url));
            }
            return base.substring(0, colon + 1) + database + params;
        }
        int slash = base.indexOf('/', authority + 2);
        String hosts = slash < 0 ? base : base.substring(0, slash);
        return hosts + "/" + database + params;
    }

    /** Returns the value of a query parameter ({@code ?name=value&...}), if present. */
    static Optional<String> parameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Hides passwords in query parameters and in {@code user:password@} user info. */
    static String mask(String url) {
        String masked = SECRET_PARAM.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
        return USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****@"));
    }
}
