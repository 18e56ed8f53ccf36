package io.github.dbbackup.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackupIdsTest {

    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");

    /** A Random whose nextInt(bound) always returns {@code value}. */
    private static Random constant(int value) {
        return new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public int nextInt(int bound) {
                return value;
            }
        };
    }

    @Test
    void stampsTheClocksUtcSecondAndSixRandomCharacters() {
        String id = new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(42)).next();

        assertThat(id).startsWith("backup-20261129T030000Z-").hasSize("backup-20261129T030000Z-".length() + 6);
        assertThat(id).matches(BackupIds.ID);
    }

    @Test
    void drawsTheSuffixFromTheGivenRandom() {
        assertThat(new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(42)).next())
                .isEqualTo(new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(42)).next());
        assertThat(new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(42)).next())
                .isEqualTo("backup-20261129T030000Z-" + suffix(new Random(42)));
        assertThat(new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(42)).next())
                .isNotEqualTo(new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(43)).next());
    }

    private static String suffix(Random random) {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(alphabet.charAt(random.nextInt(36)));
        }
        return s.toString();
    }

    @Test
    void usesDigitsAndLowercaseLettersOnly() {
        Clock clock = Clock.fixed(AT, ZoneId.of("UTC"));

        assertThat(new BackupIds(clock, constant(0)).next()).endsWith("-000000");
        assertThat(new BackupIds(clock, constant(9)).next()).endsWith("-999999");
        assertThat(new BackupIds(clock, constant(10)).next()).endsWith("-aaaaaa");
        assertThat(new BackupIds(clock, constant(35)).next()).endsWith("-zzzzzz");
    }

    @Test
    void stampsInUtcWhateverTheClocksZone() {
        String id = new BackupIds(Clock.fixed(Instant.parse("2026-12-31T23:59:59Z"), ZoneId.of("Asia/Tokyo")),
                new Random(1)).next();

        assertThat(id).startsWith("backup-20261231T235959Z-");
    }

    @Test
    void dropsFractionsOfASecond() {
        String id = new BackupIds(Clock.fixed(Instant.parse("2026-11-29T03:00:00.999999Z"), ZoneId.of("UTC")),
                new Random(1)).next();

        assertThat(id).startsWith("backup-20261129T030000Z-");
    }

    @Test
    void readsTheClockForEveryId() {
        MutableClock clock = new MutableClock(AT);
        BackupIds ids = new BackupIds(clock, new Random(5));

        String first = ids.next();
        clock.advance(Duration.ofDays(1).plusHours(2).plusSeconds(3));
        String second = ids.next();

        assertThat(first).startsWith("backup-20261129T030000Z-");
        assertThat(second).startsWith("backup-20261130T050003Z-");
    }

    @Test
    void idsOfLaterSecondsSortAfterEarlierOnes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        BackupIds ids = new BackupIds(clock, new Random(9));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            made.add(ids.next());
            clock.advance(Duration.ofSeconds(1 + i * 7919L % 100_000));
        }

        assertThat(made).isSorted();
    }

    @Test
    void idsOfTheSameSecondDifferBySuffix() {
        BackupIds ids = new BackupIds(Clock.fixed(AT, ZoneId.of("UTC")), new Random(11));
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.next());
        }

        assertThat(made).hasSize(1000);
    }

    @Test
    void defaultConstructorMakesValidIds() {
        assertThat(new BackupIds(Clock.fixed(AT, ZoneId.of("UTC"))).next()).matches(BackupIds.ID)
                .startsWith("backup-20261129T030000Z-");
    }

    @Test
    void recognisesIdsByShape() {
        assertThat(BackupIds.isId("backup-20261129T030000Z-k3f9q2")).isTrue();
        assertThat(BackupIds.isId("backup-20261129T030000Z-K3F9Q2")).isFalse();
        assertThat(BackupIds.isId("backup-20261129T030000Z-k3f9q")).isFalse();
        assertThat(BackupIds.isId("backup-20261129T030000Z-k3f9q2x")).isFalse();
        assertThat(BackupIds.isId("backup-20261129T030000-k3f9q2")).isFalse();
        assertThat(BackupIds.isId("backup-2026112T030000Z-k3f9q2")).isFalse();
        assertThat(BackupIds.isId("xbackup-20261129T030000Z-k3f9q2")).isFalse();
        assertThat(BackupIds.isId("backup-20261129T030000Z-k3f9q2/manifest.json")).isFalse();
        assertThat(BackupIds.isId("")).isFalse();
    }
}
