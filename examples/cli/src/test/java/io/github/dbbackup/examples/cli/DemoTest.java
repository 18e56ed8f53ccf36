package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @Test
    void demoBacksUpListsVerifiesRestoresAndComparesEveryRow(@TempDir Path dir) throws Exception {
        Cli.Run run = Cli.withoutEnv().run("demo", "--dir", dir.resolve("demo").toString());
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Backed up").contains("complete backup sets in").contains("every check passed")
                .contains("Restored").contains("Every row of the restored database equals the original")
                .contains("left out column users.password_hash (restored as 'RESET_REQUIRED')");
        assertThat(run.lastOutLine()).startsWith("  [ ] ");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("manifest.json", "verification.json");
        }
    }
}
