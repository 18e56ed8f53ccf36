package io.github.dbbackup.examples.cli;

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

    DataSource dataSource(String password) {
        return new UrlDataSource(url, user, password);
    }
}
