package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The {@code dbbackup} command line.
 *
 * <p>Exit codes: 0 success; 1 the operation failed, with one line on standard error naming what and
 * why ({@code --verbose} adds the stack trace); 2 usage error, with the usage text. Credentials are
 * masked in everything printed.
 *
 * <p>Tests run it in-process: {@code DbBackupCli.commandLine(env).execute(args)}, with
 * {@code setOut}/{@code setErr} to capture the output; nothing on that path calls {@code System.exit}.
 */
@Command(name = "dbbackup", mixinStandardHelpOptions = true, version = "dbbackup 0.1.0-SNAPSHOT",
        description = "Logical, verifiable database backups: back up, list, verify, restore and prune.",
        subcommands = {BackupCommand.class, RestoreCommand.class, VerifyCommand.class, ListCommand.class,
                PruneCommand.class, PinCommand.class, UnpinCommand.class, DemoCommand.class},
        footer = {"", "Environment: DBBACKUP_PASSWORD  the password for --user (never pass it as an option).",
                "Exit codes: 0 success, 1 the operation failed (one line on stderr), 2 usage error."})
public final class DbBackupCli implements Runnable {

    /** The environment variable holding the password for {@code --user}. */
    public static final String PASSWORD_ENV = "DBBACKUP_PASSWORD";

    private final Map<String, String> env;
    private volatile Masking masking;

    @Spec
    CommandSpec spec;

    private DbBackupCli(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        String password = env.get(PASSWORD_ENV);
        this.masking = Masking.of(password == null ? List.of() : List.of(password));
    }

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--verbose") || List.of(args).contains("-v")) {
            verboseLogging();
        }
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * Builds the command line over an environment (tests pass their own map). Call
     * {@link CommandLine#execute} on it; it returns the exit code and never exits the JVM.
     *
     * @param env the environment; {@value #PASSWORD_ENV} is read from it
     * @return the command line
     */
    public static CommandLine commandLine(Map<String, String> env) {
        DbBackupCli root = new DbBackupCli(env);
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler(root::handleExecutionException);
        cli.setParameterExceptionHandler(root::handleParameterException);
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: pick one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    Masking masking() {
        return masking;
    }

    /** Adds a secret to mask from now on (the password found in a URL's user info). */
    void alsoMask(String secret) {
        masking = masking.and(secret);
    }

    /** The password from {@value #PASSWORD_ENV}, or {@code null} when it is not set or empty. */
    String password() {
        String password = env.get(PASSWORD_ENV);
        return password == null || password.isEmpty() ? null : password;
    }

    private int handleParameterException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + masking.mask(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        cli.usage(err);
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    private int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (e instanceof UsageException) {
            err.println("error: " + masking.mask(e.getMessage()));
            cli.usage(err);
            err.flush();
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        }
        Object command = cli.getCommand();
        String operation = command instanceof CliCommand c ? c.operation() : "dbbackup";
        boolean verbose = command instanceof CliCommand c && c.isVerbose();
        String line;
        if (e instanceof CommandFailedException) {
            line = e.getMessage();
        } else if (e instanceof BackupException) {
            line = operation + " failed: " + e.getMessage();
        } else {
            line = operation + " failed unexpectedly: " + e + (verbose ? "" : " (run with --verbose for the stack trace)");
        }
        err.println("error: " + oneLine(masking.mask(line)));
        if (verbose) {
            StringWriter trace = new StringWriter();
            masking.copy(e).printStackTrace(new PrintWriter(trace));
            err.print(masking.mask(trace.toString()));
        }
        err.flush();
        return cli.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Joins a multi-line message (a list of problems) into one line. */
    static String oneLine(String message) {
        return message.strip()
                .replaceAll(":\\s*\\n\\s*-\\s*", ": ")
                .replaceAll("\\s*\\n\\s*-\\s*", "; ")
                .replaceAll("\\s*\\R\\s*", " ");
    }

    /** Lets the library log at INFO; must run before the first logger is created. */
    private static void verboseLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        for (String logger : List.of("io.github.dbbackup.audit", "io.github.dbbackup.core.internal.backup.BackupRunner",
                "io.github.dbbackup.core.internal.restore.RestoreRunner", "io.github.dbbackup.core.catalog.BackupVerifier",
                "io.github.dbbackup.core.retention.BackupPruner")) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "info");
        }
    }
}
