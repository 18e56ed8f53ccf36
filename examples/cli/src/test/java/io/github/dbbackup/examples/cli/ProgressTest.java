package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.InMemoryBlobStore;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void showsPartsAndBytesOnOneLineThenClearsIt() throws Exception {
        StringWriter err = new StringWriter();
        Progress progress = Progress.of(new PrintWriter(err), "backup", true);
        BlobStore store = progress.track(new InMemoryBlobStore());
        store.put("backup-20261129T030000Z-k3f9q2/users-0001.json.gz",
                out -> out.write("x".repeat(2048).getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = store.open("backup-20261129T030000Z-k3f9q2/users-0001.json.gz")) {
            assertThat(in.readAllBytes()).hasSize(2048);
        }
        assertThat(err.toString()).contains("backup: 1 parts, 2.0 KiB")
                .doesNotContain("\n");
        progress.done();
        assertThat(err.toString()).endsWith("\r\033[K");
    }

    @Test
    void staysSilentWhenNotOnATerminal() {
        StringWriter err = new StringWriter();
        Progress progress = Progress.of(new PrintWriter(err), "backup", false);
        BlobStore plain = new InMemoryBlobStore();
        assertThat(progress.track(plain)).isSameAs(plain);
        progress.done();
        assertThat(err.toString()).isEmpty();
    }
}
