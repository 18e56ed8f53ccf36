package io.github.dbbackup.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with an environment of the test's choosing and captures its output. */
final class Cli {

    private final Map<String, String> env;

    private Cli(Map<String, String> env) {
        this.env = env;
    }

    static Cli withEnv(Map<String, String> env) {
        return new Cli(Map.copyOf(env));
    }

    static Cli withoutEnv() {
        return new Cli(Map.of());
    }

    Run run(String... args) {
        CommandLine cli = DbBackupCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** One run: exit code, standard output, standard error. */
    record Run(int exit, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        String lastOutLine() {
            List<String> lines = outLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Parses {@code list --json} output: one array of flat objects (nested objects kept as maps). */
    static List<Map<String, Object>> parseList(String json) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("not a JSON array: " + json);
            }
            List<Map<String, Object>> sets = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                sets.add(object(p));
            }
            if (p.nextToken() != null) {
                throw new IllegalStateException("content after the array: " + json);
            }
            return sets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonParser p) throws IOException {
        List<String> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(p.getText());
        }
        return list;
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            map.put(name, switch (value) {
                case START_OBJECT -> object(p);
                case START_ARRAY -> strings(p);
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                case VALUE_NULL -> "null";
                default -> p.getText();
            });
        }
        return map;
    }
}
