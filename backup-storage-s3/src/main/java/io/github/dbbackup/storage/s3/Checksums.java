package io.github.dbbackup.storage.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The SHA-256 checksums S3 reports for stored objects, and how to compare them with the digests of
 * the bytes sent. A single {@code PutObject} reports the base64 SHA-256 of the object; a multipart
 * upload reports a composite checksum: the base64 SHA-256 of the concatenated part digests,
 * followed by {@code -} and the number of parts (some servers leave the suffix out).
 */
final class Checksums {

    private Checksums() {
    }

    static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * The checksum S3 reports for a multipart upload of parts with these SHA-256 digests.
     *
     * @param partDigests the parts' SHA-256 digests, in part order
     * @return e.g. {@code "uF1…=-3"} for three parts
     */
    static String compositeSha256(List<byte[]> partDigests) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            partDigests.forEach(digest::update);
            return base64(digest.digest()) + "-" + partDigests.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Whether the composite checksum S3 reported for a multipart upload is the one expected.
     *
     * @param reported what S3 reported, with or without the {@code -<parts>} suffix
     * @param expected the {@linkplain #compositeSha256(List) composite checksum} of the parts sent
     * @return {@code true} when they agree
     */
    static boolean sameComposite(String reported, String expected) {
        if (reported.contains("-")) {
            return reported.equals(expected);
        }
        return expected.startsWith(reported + "-") || reported.equals(expected);
    }
}
