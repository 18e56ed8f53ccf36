package io.github.dbbackup.core.internal.format;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.manifest.Manifest;

/** Checks format versions: readers accept major 1, any minor (minor versions only add members). */
final class FormatVersion {
    static final int SUPPORTED_MAJOR = 1;

    private FormatVersion() {
    }

    static void check(String version, String key) {
        if (version == null || !version.matches("\\d{1,4}\\.\\d{1,4}")) {
            throw new BackupFormatException(key, "'" + key + "' has no valid formatVersion (found "
                    + (version == null ? "none" : "'" + version + "'") + "); it is not a dbbackup format v1 document");
        }
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        if (major != SUPPORTED_MAJOR) {
            throw new BackupFormatException(key, "'" + key + "' has format version " + version + ", but this dbbackup"
                    + " reads format " + SUPPORTED_MAJOR + ".x (it writes " + Manifest.CURRENT_FORMAT_VERSION + "); "
                    + (major > SUPPORTED_MAJOR ? "upgrade dbbackup to read it" : "use an older dbbackup to read it"));
        }
    }
}
