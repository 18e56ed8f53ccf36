package io.github.dbbackup.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    private static final Path ROOT = Path.of("..", "..");

    @Test
    void demoBacksUpListsVerifiesAndRestoresEveryRow(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Quickstart.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("Backed up").contains("Verified").contains("DATABASE_BACKUP_CREATED")
                .contains("left out column users.password_hash (restored as 'RESET_REQUIRED')")
                .contains("Every row of the restored database equals the original")
                .contains("[ ] users.password_hash was not backed up");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("manifest.json");
        }
    }

    @Test
    void readmeQuotesTheCompiledEmbeddingCode() throws IOException {
        String readme = normalize(Files.readString(ROOT.resolve("README.md")));
        assertThat(readme).contains(normalize(region(ROOT.resolve(
                "examples/quickstart/src/main/java/io/github/dbbackup/examples/quickstart/Quickstart.java"), "embed")));
        assertThat(readme).contains(normalize(statement(ROOT.resolve(
                "examples/qa-app/src/main/java/io/github/dbbackup/examples/qaapp/QaAppPlan.java"),
                "return BackupPlan.builder()")));
    }

    @Test
    void readmeStartsWithTheDemoAndTestCommands() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        String top = String.join("\n", lines.subList(0, 8));
        assertThat(top).contains("java -jar examples/cli/target/dbbackup.jar demo").contains("mvn -B verify");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("\nmvn -B verify\n");
    }

    /** The lines between {@code // tag::NAME[]} and {@code // end::NAME[]}. */
    private static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> region = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.trim().equals("// end::" + name + "[]")) {
                inside = false;
            } else if (inside) {
                region.add(line);
            } else if (line.trim().equals("// tag::" + name + "[]")) {
                inside = true;
            }
        }
        assertThat(region).as("region %s in %s", name, file).isNotEmpty();
        return String.join("\n", region);
    }

    /** The statement that starts with {@code start}, up to the line ending in {@code ;}. */
    private static String statement(Path file, String start) throws IOException {
        List<String> statement = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (statement.isEmpty() && !line.trim().startsWith(start)) {
                continue;
            }
            statement.add(line);
            if (line.trim().endsWith(";")) {
                break;
            }
        }
        assertThat(statement).as("statement '%s' in %s", start, file).isNotEmpty();
        return String.join("\n", statement);
    }

    /** Compares code by its tokens: indentation, line breaks and a leading {@code return} do not matter. */
    private static String normalize(String code) {
        return code.replaceAll("\\breturn\\s+", "").replaceAll("\\s+", " ").trim();
    }
}
