package io.github.dbbackup.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The fast parsers must accept, reject and mean exactly what {@code java.time}'s ISO parsers do. */
class IsoTimesTest {

    private static final List<String> DATES = List.of("2026-11-29", "0000-01-01", "9999-12-31", "2024-02-29",
            "2023-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01",
            "+12026-01-01", "-0044-03-15", "12026-01-01", "2026-01-01 ", " 2026-01-01", "2026-01-0a", "", "2026",
            "2026-01-01T00:00", "２026-01-01");

    private static final List<String> TIMES = List.of("03:00:00", "03:00", "23:59:59.999999999", "00:00:00.1",
            "03:00:05.00012", "03:00:05.000120", "12:00:00.", "12:00:00.1234567890", "24:00:00", "23:60:00",
            "23:59:60", "3:00:00", "03:0:00", "03:00:0", "03-00-00", "03:00:00,5", "03:00:00.5Z", "03:00:00.-5",
            "03:00:00.a", "", "03", "03:00:00 ");

    private static final List<String> OFFSETS = List.of("Z", "z", "+01:00", "-05:30", "+05:30:15", "+00:00",
            "-00:00", "+18:00", "-18:00", "+18:01", "+19:00", "+01:60", "+0100", "+01", "+1:00", "", "UTC");

    @Test
    void formatsEdgeValuesExactlyAsTheIsoFormatters() {
        List<LocalDate> dates = List.of(LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1),
                LocalDate.of(-1, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.MIN, LocalDate.MAX);
        List<LocalTime> times = List.of(LocalTime.MIDNIGHT, LocalTime.MAX, LocalTime.of(3, 0, 0, 1),
                LocalTime.of(3, 0, 0, 100_000_000), LocalTime.of(23, 59, 59, 120_000), LocalTime.of(12, 0, 7));
        List<ZoneOffset> offsets = List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
                ZoneOffset.ofHoursMinutes(-3, -30), ZoneOffset.MAX, ZoneOffset.MIN, ZoneOffset.ofTotalSeconds(-30),
                ZoneOffset.ofHoursMinutesSeconds(1, 2, 3));
        for (LocalDate d : dates) {
            assertThat(IsoTimes.format(d)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE.format(d));
            for (LocalTime t : times) {
                assertThat(IsoTimes.format(t)).isEqualTo(DateTimeFormatter.ISO_LOCAL_TIME.format(t));
                LocalDateTime dt = LocalDateTime.of(d, t);
                assertThat(IsoTimes.format(dt)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dt));
                for (ZoneOffset o : offsets) {
                    OffsetDateTime odt = OffsetDateTime.of(dt, o);
                    assertThat(IsoTimes.format(odt)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(odt));
                }
            }
        }
    }

    @Test
    void formatsRandomValuesExactlyAsTheIsoFormatters() {
        Random random = new Random(20261129);
        for (int i = 0; i < 50_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(random.nextInt(4_000_000) - 1_000_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            LocalTime t = LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60), nano);
            OffsetDateTime odt = OffsetDateTime.of(d, t, ZoneOffset.ofTotalSeconds((random.nextInt(2 * 18 * 4 + 1) - 72) * 900));
            assertThat(IsoTimes.format(d)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE.format(d));
            assertThat(IsoTimes.format(t)).isEqualTo(DateTimeFormatter.ISO_LOCAL_TIME.format(t));
            assertThat(IsoTimes.format(odt.toLocalDateTime()))
                    .isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(odt.toLocalDateTime()));
            assertThat(IsoTimes.format(odt)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(odt));
        }
    }

    @Test
    void datesMatchJavaTime() {
        DATES.forEach(s -> same(s, LocalDate::parse, IsoTimes::date));
    }

    @Test
    void timesMatchJavaTime() {
        TIMES.forEach(s -> same(s, LocalTime::parse, IsoTimes::time));
    }

    @Test
    void timestampsMatchJavaTime() {
        for (String d : DATES) {
            for (String t : TIMES) {
                for (String sep : List.of("T", "t", " ")) {
                    same(d + sep + t, LocalDateTime::parse, IsoTimes::dateTime);
                    for (String o : OFFSETS) {
                        same(d + sep + t + o, OffsetDateTime::parse, IsoTimes::offsetDateTime);
                    }
                }
            }
        }
    }

    @Test
    void randomValuesRoundTripThroughTheirIsoText() {
        Random random = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime value = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 18 * 4) * 900);
            assertThat(IsoTimes.dateTime(value.toString())).isEqualTo(value);
            assertThat(IsoTimes.date(value.toLocalDate().toString())).isEqualTo(value.toLocalDate());
            assertThat(IsoTimes.time(value.toLocalTime().toString())).isEqualTo(value.toLocalTime());
            OffsetDateTime withOffset = OffsetDateTime.of(value, offset);
            assertThat(IsoTimes.offsetDateTime(withOffset.toString())).isEqualTo(withOffset);
        }
    }

    @Test
    void rejectsWhatJavaTimeRejectsWithItsException() {
        assertThatThrownBy(() -> IsoTimes.dateTime("2026-02-30T00:00:00")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoTimes.offsetDateTime("2026-01-01T00:00:00")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoTimes.time("24:00:00")).isInstanceOf(DateTimeParseException.class);
    }

    private static <T> void same(String s, Function<String, T> reference, Function<String, T> fast) {
        T expected;
        try {
            expected = reference.apply(s);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> fast.apply(s)).as("'%s' is rejected", s).isInstanceOf(DateTimeParseException.class);
            return;
        }
        T actual = fast.apply(s);
        assertThat(actual).as("'%s'", s).isEqualTo(expected);
        assertThat(actual.toString()).as("'%s' keeps its offset and precision", s).isEqualTo(expected.toString());
    }
}
