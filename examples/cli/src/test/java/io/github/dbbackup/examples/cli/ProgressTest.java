package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.store.InMemoryBlobStore;
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

    /**
     * A decorator that does not override one of its SPI's default methods silently runs the SPI's
     * fallback instead of the real implementation; at a terminal the CLI then behaved differently
     * from the tests (issue #13: restores took the row-by-row FK path).
     */
    @Test
    void issue13_everyDecoratorOverridesEveryDefaultMethodOfItsSpi() {
        java.util.Map<Class<?>, Class<?>> decorators = java.util.Map.of(
                BlobStore.class, Progress.CountingStore.class,
                io.github.dbbackup.core.spi.RestoreTarget.class, Progress.CountingTarget.class,
                io.github.dbbackup.core.spi.RestoreSession.class, Progress.CountingSession.class,
                io.github.dbbackup.core.spi.BackupSource.class, Progress.CountingSource.class,
                io.github.dbbackup.core.spi.SourceSnapshot.class, Progress.CountingSnapshot.class);
        java.util.List<String> missing = new java.util.ArrayList<>();
        decorators.forEach((spi, decorator) -> {
            assertThat(spi).isAssignableFrom(decorator);
            for (java.lang.reflect.Method method : spi.getMethods()) {
                if (!method.isDefault()) {
                    continue;
                }
                try {
                    decorator.getDeclaredMethod(method.getName(), method.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    missing.add(decorator.getSimpleName() + " does not forward " + spi.getSimpleName() + "."
                            + method.getName() + java.util.Arrays.toString(method.getParameterTypes()));
                }
            }
        });
        assertThat(missing).isEmpty();
        // the row cursors and sinks are decorated by anonymous classes: fine while they have no defaults
        for (Class<?> spi : java.util.List.of(io.github.dbbackup.core.spi.RowCursor.class,
                io.github.dbbackup.core.spi.RowSink.class)) {
            assertThat(spi.getMethods()).as("default methods of %s: give Progress a named decorator that forwards"
                    + " them, and list it above", spi.getSimpleName())
                    .noneMatch(java.lang.reflect.Method::isDefault);
        }
    }

    @Test
    void issue13_theTrackedTargetAndSourceAreTheForwardingDecorators() {
        Progress progress = Progress.of(new PrintWriter(new StringWriter()), "restore", true);
        assertThat(progress.track((io.github.dbbackup.core.spi.RestoreTarget) () -> null))
                .isInstanceOf(Progress.CountingTarget.class);
        assertThat(progress.track((io.github.dbbackup.core.spi.BackupSource) () -> null))
                .isInstanceOf(Progress.CountingSource.class);
        assertThat(progress.track(new InMemoryBlobStore())).isInstanceOf(Progress.CountingStore.class);
    }
}
