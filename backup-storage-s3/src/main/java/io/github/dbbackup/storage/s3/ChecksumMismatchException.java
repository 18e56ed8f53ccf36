package io.github.dbbackup.storage.s3;

import java.io.IOException;

/**
 * S3 accepted an object but reports another SHA-256 checksum for it than that of the bytes sent.
 * Thrown where the store compares the two, after it tried to delete the object again; the put then
 * fails without claiming that nothing was stored, since a delete may have failed or removed an
 * older version of the blob.
 */
final class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reported;
    private final String expected;

    /**
     * @param reported the checksum S3 reported for the stored object
     * @param expected the checksum of the bytes sent
     * @param outcome what became of the object, e.g. that it was deleted again
     */
    ChecksumMismatchException(String reported, String expected, String outcome) {
        super("S3 reports SHA-256 checksum " + reported + " for the stored object, but the bytes sent have "
                + expected + "; " + outcome);
        this.reported = reported;
        this.expected = expected;
    }

    /** The checksum S3 reported for the stored object. */
    String reported() {
        return reported;
    }

    /** The checksum of the bytes sent. */
    String expected() {
        return expected;
    }
}
