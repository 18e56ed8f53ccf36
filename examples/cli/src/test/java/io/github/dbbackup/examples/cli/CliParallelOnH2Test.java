package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --parallel} on H2, which cannot share a snapshot between connections. */
class CliParallelOnH2Test {

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("source") + ";DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            QaAppData.insert(c, QaAppSchema.create(c), 1, 42L);
        }
    }

    private Cli.Run backup(String... more) {
        String[] args = Stream.concat(Stream.of("backup", "--url", url, "--user", "sa", "--store",
                dir.resolve("store").toString()), Stream.of(more)).toArray(String[]::new);
        return Cli.withEnv(Map.of()).run(args);
    }

    @Test
    void isRefusedWithTheTwoWaysOut() throws Exception {
        Cli.Run run = backup("--parallel", "2");

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("needs one snapshot shared between connections, which H2 cannot offer")
                .contains("omit --parallel, or add --allow-inconsistent");
        assertThat(!Files.exists(dir.resolve("store")) || isEmpty(dir.resolve("store"))).as("nothing stored").isTrue();
    }

    @Test
    void runsWhenAnInconsistentSetIsAccepted() {
        Cli.Run run = backup("--parallel", "2", "--allow-inconsistent");
        assertThat(run.exit()).as("%s", run).isZero();

        Cli.Run verify = Cli.withEnv(Map.of()).run("verify", "--store", dir.resolve("store").toString());
        assertThat(verify.exit()).as("%s", verify).isZero();
        assertThat(verify.out()).contains("every check passed");
    }

    private static boolean isEmpty(Path path) throws Exception {
        try (Stream<Path> files = Files.walk(path)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }
}
