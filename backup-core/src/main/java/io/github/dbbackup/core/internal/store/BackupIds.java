package io.github.dbbackup.core.internal.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Backup ids: {@code backup-20261129T030000Z-k3f9q2}, the UTC start time to the second and six
 * random base-36 characters. Ids of different seconds sort by time as plain strings.
 */
public final class BackupIds {
    /** Every id matches this. */
    public static final Pattern ID = Pattern.compile("backup-\\d{8}T\\d{6}Z-[0-9a-z]{6}");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Clock clock;
    private final Random random;

    /**
     * Creates a generator.
     *
     * @param clock the clock that says "now"
     * @param random the source of the suffix
     */
    public BackupIds(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * Creates a generator on a {@link SecureRandom}.
     *
     * @param clock the clock
     */
    public BackupIds(Clock clock) {
        this(clock, new SecureRandom());
    }

    /**
     * Returns a new id for the clock's current instant.
     *
     * @return the id
     */
    public String next() {
        StringBuilder id = new StringBuilder("backup-").append(STAMP.format(clock.instant())).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /**
     * Returns whether {@code s} is a backup id.
     *
     * @param s a string
     * @return {@code true} when it has the id's shape
     */
    public static boolean isId(String s) {
        return ID.matcher(s).matches();
    }
}
