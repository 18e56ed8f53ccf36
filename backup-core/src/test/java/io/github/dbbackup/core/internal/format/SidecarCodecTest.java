package io.github.dbbackup.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationProblem;
import io.github.dbbackup.core.catalog.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SidecarCodecTest {

    private static final String ID = "backup-20261129T030000Z-k3f9q2";
    private static final String KEY = ID + "/verification.json";

    private static byte[] write(VerificationResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SidecarCodec.writeVerification(result, out);
        return out.toByteArray();
    }

    private static VerificationResult read(String json) {
        return SidecarCodec.readVerification(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), KEY, ID);
    }

    @Test
    void verificationRoundTrips() throws IOException {
        VerificationResult result = new VerificationResult(ID, VerificationLevel.FULL,
                Instant.parse("2026-11-29T04:00:00.123Z"), Duration.ofMillis(1234), 3, 4031,
                List.of(new VerificationProblem(ID + "/0001-users-0000.json.gz", "Part '…' failed its SHA-256 check")));

        byte[] json = write(result);

        assertThat(SidecarCodec.readVerification(new ByteArrayInputStream(json), KEY, ID)).isEqualTo(result);
        assertThat(new String(json, StandardCharsets.UTF_8).replace("\r\n", "\n")).startsWith("{\n  \"format\" : \"dbbackup.verification\",\n"
                + "  \"formatVersion\" : \"1.0\",").contains("\"ok\" : false").endsWith("}\n");
    }

    @Test
    void acceptsNewerMinorVersionsAndUnknownMembers() {
        VerificationResult result = read("{\"format\":\"dbbackup.verification\",\"formatVersion\":\"1.7\",\"id\":\"" + ID
                + "\",\"level\":\"QUICK\",\"verifiedAt\":\"2026-11-29T04:00:00Z\",\"durationMs\":5,\"ok\":true,"
                + "\"partsChecked\":2,\"rowsChecked\":0,\"problems\":[],\"future\":{\"x\":1}}");

        assertThat(result.isOk()).isTrue();
        assertThat(result.level()).isEqualTo(VerificationLevel.QUICK);
    }

    @Test
    void rejectsAnotherMajorVersion() {
        assertThatThrownBy(() -> read("{\"format\":\"dbbackup.verification\",\"formatVersion\":\"2.0\"}"))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("upgrade dbbackup");
    }

    @Test
    void rejectsASidecarOfAnotherSet() {
        assertThatThrownBy(() -> read("{\"format\":\"dbbackup.verification\",\"formatVersion\":\"1.0\","
                + "\"id\":\"backup-20261128T030000Z-k3f9q2\"}"))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("describes set 'backup-20261128T030000Z-k3f9q2'");
    }

    @Test
    void rejectsOkThatContradictsTheProblems() {
        assertThatThrownBy(() -> read("{\"format\":\"dbbackup.verification\",\"formatVersion\":\"1.0\",\"id\":\"" + ID
                + "\",\"level\":\"QUICK\",\"verifiedAt\":\"2026-11-29T04:00:00Z\",\"durationMs\":5,\"ok\":true,"
                + "\"partsChecked\":2,\"rowsChecked\":0,\"problems\":[{\"key\":\"k\",\"reason\":\"bad\"}]}"))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("'ok' contradicts 'problems'");
    }

    @Test
    void rejectsForeignAndMalformedDocuments() {
        assertThatThrownBy(() -> read("{\"format\":\"dbbackup.manifest\",\"formatVersion\":\"1.0\"}"))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("is not a dbbackup.verification document");
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(BackupFormatException.class);
        assertThatThrownBy(() -> read("{\"format\":")).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining(KEY);
        assertThatThrownBy(() -> read("{\"format\":\"dbbackup.verification\",\"formatVersion\":\"1.0\",\"id\":\"" + ID
                + "\",\"level\":\"PARANOID\"}")).isInstanceOf(BackupFormatException.class);
    }

    @Test
    void pinMarkerHasItsOwnFormat() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SidecarCodec.writePin(ID, Instant.parse("2026-11-29T04:00:00Z"), "quote \" kept", out);

        assertThat(out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo("{\n  \"format\" : \"dbbackup.pin\",\n"
                + "  \"formatVersion\" : \"1.0\",\n  \"id\" : \"" + ID + "\",\n  \"pinnedAt\" : \"2026-11-29T04:00:00Z\",\n"
                + "  \"reason\" : \"quote \\\" kept\"\n}\n");
    }
}
