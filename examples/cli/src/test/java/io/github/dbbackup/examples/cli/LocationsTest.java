package io.github.dbbackup.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.examples.cli.Locations.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationsTest {

    private static final S3Settings NO_S3 = new S3Settings(null, false);

    @Test
    void opensADirectoryPathAndFileUris(@TempDir Path dir) {
        assertThat(Locations.open(dir.toString(), NO_S3, false).describe()).isEqualTo("file:" + dir);
        assertThat(Locations.open("file:" + dir, NO_S3, false).describe()).isEqualTo("file:" + dir);
        assertThat(Locations.open(dir.toUri().toString(), NO_S3, false).describe()).isEqualTo("file:" + dir);
    }

    @Test
    void createsAMissingDirectoryOnlyWhenAsked(@TempDir Path dir) {
        Path missing = dir.resolve("a/b");
        assertThatThrownBy(() -> Locations.open(missing.toString(), NO_S3, false))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("does not exist");
        assertThat(Files.exists(missing)).isFalse();
        Locations.open(missing.toString(), NO_S3, true);
        assertThat(Files.isDirectory(missing)).isTrue();
    }

    @Test
    void s3LocationsOpenAnS3StoreOnTheBucketAndPrefix() {
        assertThat(Locations.open("s3://acme-backups/prod/app/", new S3Settings("http://127.0.0.1:9000", true), false)
                .describe()).isEqualTo("s3://acme-backups/prod/app at http://127.0.0.1:9000");
        assertThatThrownBy(() -> Locations.open("s3:///prefix", NO_S3, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("names no bucket");
    }

    @Test
    void rejectsUnknownSchemes() {
        assertThatThrownBy(() -> Locations.open("gs://bucket", NO_S3, false))
                .isInstanceOf(UsageException.class).hasMessageContaining("unsupported scheme 'gs:'");
        assertThatThrownBy(() -> Locations.open(" ", NO_S3, false)).isInstanceOf(UsageException.class);
    }
}
