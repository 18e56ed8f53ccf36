package io.github.dbbackup.core.retention;

import static io.github.dbbackup.core.retention.RetentionPolicy.keepDaily;
import static io.github.dbbackup.core.retention.RetentionPolicy.keepLast;
import static io.github.dbbackup.core.retention.RetentionPolicy.keepMonthly;
import static io.github.dbbackup.core.retention.RetentionPolicy.keepWeekly;
import static io.github.dbbackup.core.retention.RetentionPolicy.keepWithin;
import static io.github.dbbackup.core.retention.RetentionPolicy.keepYearly;
import static io.github.dbbackup.core.retention.RetentionPolicy.maxAge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.testing.SyntheticSets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC);
    }

    /** Sets at the given UTC times, newest first, as the pruner hands them to the policy. */
    private static List<BackupSetInfo> newestFirst(String... times) {
        List<BackupSetInfo> sets = new ArrayList<>();
        for (String t : times) {
            Instant created = at(t);
            sets.add(new BackupSetInfo(SyntheticSets.id(created), created, 1, 3, 10, "gzip", false, null));
        }
        sets.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        return sets;
    }

    private static List<String> keptDates(Map<String, List<String>> reasons) {
        List<String> dates = new ArrayList<>();
        reasons.forEach((id, r) -> {
            if (!r.isEmpty()) {
                dates.add(id.substring(7, 15));
            }
        });
        Collections.sort(dates);
        return dates;
    }

    @Test
    void defaultsAreThirtyDaysMaxAge() {
        assertThat(RetentionPolicy.defaults()).isEqualTo(maxAge(Duration.ofDays(30)));
        assertThat(RetentionPolicy.defaults()).hasToString("maxAge 30 days");
        assertThat(RetentionPolicy.DEFAULT_MAX_AGE).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void maxAgeKeepsSetsYoungerThanTheAgeMeasuredFromNow() {
        // exactly 30 days old is not younger than 30 days
        List<BackupSetInfo> sets = newestFirst("2026-11-01T03:00:00", "2026-10-30T03:00:01", "2026-10-30T03:00:00");
        Map<String, List<String>> reasons = maxAge(Duration.ofDays(30)).keepReasons(sets, at("2026-11-29T03:00:00"));

        assertThat(reasons.get(sets.get(1).id())).isNotEmpty();
        assertThat(reasons.get(sets.get(2).id())).isEmpty();
        assertThat(keptDates(reasons)).containsExactly("20261030", "20261101");
        assertThat(reasons.get(sets.get(0).id())).containsExactly("kept: younger than 30 days (max age)");
    }

    @Test
    void keepWithinIsMeasuredFromTheNewestSetNotFromNow() {
        List<BackupSetInfo> sets = newestFirst("2026-06-10T03:00:00", "2026-06-04T03:00:00", "2026-06-03T03:00:00");
        Map<String, List<String>> reasons = keepWithin(Duration.ofDays(7)).keepReasons(sets, at("2026-11-29T03:00:00"));

        assertThat(keptDates(reasons)).containsExactly("20260604", "20260610");
        assertThat(reasons.get(sets.get(1).id())).containsExactly("kept: within 7 days of the newest set");
    }

    @Test
    void keepLastKeepsTheNewestSets() {
        List<BackupSetInfo> sets = newestFirst("2026-11-29T03:00:00", "2026-11-29T02:00:00", "2026-11-28T03:00:00",
                "2026-11-27T03:00:00");
        Map<String, List<String>> reasons = keepLast(3).keepReasons(sets, at("2026-11-29T04:00:00"));

        assertThat(keptDates(reasons)).containsExactly("20261128", "20261129", "20261129");
        assertThat(reasons.get(sets.get(2).id())).containsExactly("kept: last 3");
    }

    @Test
    void dailyKeepsTheNewestSetOfEachDayAndSkipsDaysWithoutSets() {
        // two sets on the 29th, none on the 27th: the last 3 days that HAVE sets are the 29th, 28th and 26th
        List<BackupSetInfo> sets = newestFirst("2026-11-29T15:00:00", "2026-11-29T03:00:00", "2026-11-28T03:00:00",
                "2026-11-26T03:00:00", "2026-11-25T03:00:00");
        Map<String, List<String>> reasons = keepDaily(3).keepReasons(sets, at("2026-11-29T16:00:00"));

        assertThat(reasons.get(sets.get(0).id())).containsExactly("kept: daily 2026-11-29");
        assertThat(reasons.get(sets.get(1).id())).isEmpty();
        assertThat(reasons.get(sets.get(2).id())).containsExactly("kept: daily 2026-11-28");
        assertThat(reasons.get(sets.get(3).id())).containsExactly("kept: daily 2026-11-26");
        assertThat(reasons.get(sets.get(4).id())).isEmpty();
    }

    @Test
    void dailyBucketsAreUtcDays() {
        // 23:30 UTC on the 28th and 00:30 UTC on the 29th are different UTC days, whatever the JVM zone
        List<BackupSetInfo> sets = newestFirst("2026-11-29T00:30:00", "2026-11-28T23:30:00");
        Map<String, List<String>> reasons = keepDaily(2).keepReasons(sets, at("2026-11-29T01:00:00"));

        assertThat(reasons.get(sets.get(0).id())).containsExactly("kept: daily 2026-11-29");
        assertThat(reasons.get(sets.get(1).id())).containsExactly("kept: daily 2026-11-28");
    }

    @Test
    void weeklyBucketsFollowIsoWeeksAcrossTheYearBoundary() {
        // Mon 2025-12-29 and Sun 2026-01-04 are both in ISO week 2026-W01; Sun 2025-12-28 is 2025-W52
        List<BackupSetInfo> sets = newestFirst("2026-01-04T03:00:00", "2025-12-29T03:00:00", "2025-12-28T03:00:00",
                "2025-12-22T03:00:00", "2025-12-21T03:00:00");
        Map<String, List<String>> reasons = keepWeekly(3).keepReasons(sets, at("2026-01-04T04:00:00"));

        assertThat(reasons.get(sets.get(0).id())).containsExactly("kept: weekly 2026-W01");
        assertThat(reasons.get(sets.get(1).id())).isEmpty();
        assertThat(reasons.get(sets.get(2).id())).containsExactly("kept: weekly 2025-W52");
        assertThat(reasons.get(sets.get(3).id())).isEmpty();
        assertThat(reasons.get(sets.get(4).id())).containsExactly("kept: weekly 2025-W51");
    }

    @Test
    void weekFiftyThreeBelongsToTheWeekBasedYear() {
        // Fri 2027-01-01 is in ISO week 2026-W53
        List<BackupSetInfo> sets = newestFirst("2027-01-04T03:00:00", "2027-01-01T03:00:00");
        Map<String, List<String>> reasons = keepWeekly(2).keepReasons(sets, at("2027-01-04T04:00:00"));

        assertThat(reasons.get(sets.get(0).id())).containsExactly("kept: weekly 2027-W01");
        assertThat(reasons.get(sets.get(1).id())).containsExactly("kept: weekly 2026-W53");
    }

    @Test
    void monthlyAndYearlyKeepTheNewestSetOfEachCalendarMonthAndYear() {
        List<BackupSetInfo> sets = newestFirst("2026-02-10T03:00:00", "2026-01-31T03:00:00", "2026-01-01T03:00:00",
                "2025-12-31T23:59:59", "2024-06-01T03:00:00", "2023-12-31T03:00:00");
        Map<String, List<String>> reasons = keepMonthly(2).and(keepYearly(3)).keepReasons(sets,
                at("2026-02-10T04:00:00"));

        assertThat(reasons.get(sets.get(0).id())).containsExactly("kept: monthly 2026-02", "kept: yearly 2026");
        assertThat(reasons.get(sets.get(1).id())).containsExactly("kept: monthly 2026-01");
        assertThat(reasons.get(sets.get(2).id())).isEmpty();
        assertThat(reasons.get(sets.get(3).id())).containsExactly("kept: yearly 2025");
        assertThat(reasons.get(sets.get(4).id())).containsExactly("kept: yearly 2024");
        assertThat(reasons.get(sets.get(5).id())).isEmpty();
    }

    @Test
    void aSetKeptBySeveralRulesRecordsEveryReason() {
        List<BackupSetInfo> sets = newestFirst("2026-11-29T03:00:00");
        RetentionPolicy policy = maxAge(Duration.ofDays(30)).and(keepLast(1)).and(keepDaily(1)).and(keepWeekly(1))
                .and(keepMonthly(1)).and(keepYearly(1)).and(keepWithin(Duration.ofHours(1)));

        assertThat(policy.keepReasons(sets, at("2026-11-29T04:00:00")).get(sets.get(0).id())).containsExactly(
                "kept: younger than 30 days (max age)", "kept: within 1 hour of the newest set", "kept: last 1",
                "kept: daily 2026-11-29", "kept: weekly 2026-W48", "kept: monthly 2026-11", "kept: yearly 2026");
    }

    @Test
    void combiningPoliciesKeepsTheLargerValueOfEachRule() {
        RetentionPolicy combined = keepDaily(7).and(keepDaily(3)).and(maxAge(Duration.ofDays(10)))
                .and(maxAge(Duration.ofDays(30))).and(keepWeekly(4));

        assertThat(combined).isEqualTo(keepWeekly(4).and(maxAge(Duration.ofDays(30))).and(keepDaily(7)));
        assertThat(combined).hasToString("maxAge 30 days, keepDaily 7, keepWeekly 4");
    }

    @Test
    void zeroCountsTurnRulesOffAndAllZeroIsEmpty() {
        assertThat(keepDaily(0).and(keepLast(0)).and(keepYearly(0)).isEmpty()).isTrue();
        assertThat(keepDaily(0)).hasToString("no rules");
        assertThat(keepDaily(0).and(keepWeekly(2)).isEmpty()).isFalse();
        assertThat(RetentionPolicy.defaults().isEmpty()).isFalse();
    }

    @Test
    void refusesNegativeCountsNamingTheRule() {
        assertThatThrownBy(() -> keepDaily(-1)).isInstanceOf(BackupConfigurationException.class)
                .hasMessage("retention.keepDaily was -1 but it must be at least 0 (0 turns the rule off)");
        assertThatThrownBy(() -> keepLast(-2)).isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("retention.keepLast was -2");
    }

    @Test
    void refusesDurationsThatAreNotPositive() {
        assertThatThrownBy(() -> maxAge(Duration.ofHours(-1))).isInstanceOf(BackupConfigurationException.class)
                .hasMessage("retention.maxAge was 'PT-1H' but it must be positive");
        assertThatThrownBy(() -> keepWithin(Duration.ZERO)).isInstanceOf(BackupConfigurationException.class)
                .hasMessage("retention.keepWithin was 'PT0S' but it must be positive");
    }

    @Test
    void keepsNothingWhenThereAreNoSets() {
        assertThat(keepDaily(7).keepReasons(List.of(), Instant.EPOCH)).isEmpty();
    }

    @Test
    void bucketLabelsUseTheManifestTimeInUtc() {
        Instant created = LocalDate.of(2026, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        BackupSetInfo set = new BackupSetInfo(SyntheticSets.id(created.minusSeconds(1)), created, 1, 3, 10, "gzip",
                false, null);
        // the id says 2026-02-28T23:59:59, the manifest (authoritative) says 2026-03-01T00:00:00
        assertThat(keepMonthly(1).keepReasons(List.of(set), created).get(set.id())).containsExactly(
                "kept: monthly 2026-03");
    }
}
