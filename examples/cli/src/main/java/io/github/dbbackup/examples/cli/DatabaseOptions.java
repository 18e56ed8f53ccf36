package io.github.dbbackup.examples.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** {@code --url JDBC_URL [--user USER]}; the password comes from {@code DBBACKUP_PASSWORD}, never from an option. */
final class DatabaseOptions {

    @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
            description = "The database, e.g. jdbc:postgresql://db:5432/app. It may hold the credentials.")
    String url;

    @Option(names = "--user", paramLabel = "USER",
            description = "Log in as USER, with the password from the environment variable DBBACKUP_PASSWORD.")
    String user;

    /** {@code jdbc:sub://user[:password]@host…}: the drivers read user info as host or port and quote it in errors. */
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[^/]*//)([^/@?;\\s]*)@");

    /**
     * Returns a data source for the URL. User info in the URL ({@code //user:password@host}) is taken
     * out of the URL and passed as the {@code user}/{@code password} properties (no bundled driver
     * understands it: PostgreSQL reads it as the host name, MariaDB as the port, and both quote it
     * in their errors); {@code --user} and the environment's password win over it.
     *
     * @param password the password from the environment, or {@code null}
     * @param secrets receives the password from the URL, to be masked in everything printed
     */
    DataSource dataSource(String password, java.util.function.Consumer<String> secrets) {
        Matcher m = USER_INFO.matcher(url);
        if (!m.find()) {
            return new UrlDataSource(url, user, password);
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        String urlUser = decode(colon < 0 ? info : info.substring(0, colon));
        String urlPassword = colon < 0 ? null : decode(info.substring(colon + 1));
        if (urlPassword != null && !urlPassword.isEmpty()) {
            secrets.accept(urlPassword);
            secrets.accept(info.substring(colon + 1));
        }
        String bare = m.group(1) + url.substring(m.end());
        return new UrlDataSource(bare, user != null ? user : urlUser.isEmpty() ? null : urlUser,
                password != null ? password : urlPassword);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
