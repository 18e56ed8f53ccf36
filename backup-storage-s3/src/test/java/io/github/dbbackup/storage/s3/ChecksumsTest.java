package io.github.dbbackup.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composite checksum S3 reports for a multipart upload, and when a reported one agrees. */
class ChecksumsTest {

    private final byte[] part1 = sha256(TestData.bytes(1000, 1));
    private final byte[] part2 = sha256(TestData.bytes(1000, 2));

    @Test
    void compositeIsTheSha256OfThePartDigestsInOrderWithThePartCount() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(part1);
        digest.update(part2);
        String expected = Base64.getEncoder().encodeToString(digest.digest()) + "-2";

        assertThat(Checksums.compositeSha256(List.of(part1, part2))).isEqualTo(expected);
        assertThat(Checksums.compositeSha256(List.of(part2, part1))).as("order matters").isNotEqualTo(expected);
    }

    @Test
    void acceptsTheReportedCompositeWithOrWithoutThePartCount() {
        String composite = Checksums.compositeSha256(List.of(part1, part2));
        String withoutCount = composite.substring(0, composite.indexOf('-'));

        assertThat(Checksums.sameComposite(composite, composite)).isTrue();
        assertThat(Checksums.sameComposite(withoutCount, composite)).isTrue();
    }

    @Test
    void rejectsAnotherDigestOrAnotherPartCount() {
        String composite = Checksums.compositeSha256(List.of(part1, part2));
        String digestOnly = composite.substring(0, composite.indexOf('-'));

        assertThat(Checksums.sameComposite(digestOnly + "-3", composite)).isFalse();
        assertThat(Checksums.sameComposite(Checksums.compositeSha256(List.of(part1)), composite)).isFalse();
        assertThat(Checksums.sameComposite("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", composite)).isFalse();
        assertThat(Checksums.sameComposite(digestOnly.substring(1), composite)).as("a prefix of the digest")
                .isFalse();
    }

    private static byte[] sha256(byte[] bytes) {
        return TestData.digest("SHA-256").digest(bytes);
    }
}
