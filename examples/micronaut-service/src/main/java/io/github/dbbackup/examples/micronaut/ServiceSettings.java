package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.retention.RetentionPolicy;
import io.github.dbbackup.jdbc.BackupLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The service's own settings, read from the {@code dbbackup.*} properties of {@code application.yml}
 * by {@link BackupBeans} and checked together: every problem is reported at once.
 *
 * @param cronSecret the bearer token of the trigger endpoint; empty disables the endpoint
 * @param storeDirectory where backup sets are written
 * @param plan the backup plan's name; {@code qa-app} is the only one built in
 * @param lockName the name of the cross-replica lock
 * @param maxAge retention: keep every set younger than this; zero turns the rule off
 * @param keepLast retention: keep the newest n sets; 0 turns the rule off
 * @param keepDaily retention: keep the newest set of each of the last n days; 0 turns the rule off
 * @param keepWeekly retention: as {@code keepDaily}, per ISO week
 * @param keepMonthly retention: as {@code keepDaily}, per month
 * @param staleAfter the health indicator turns DOWN when the newest set is older than this
 */
public record ServiceSettings(
        String cronSecret,
        Path storeDirectory,
        String plan,
        String lockName,
        Duration maxAge,
        int keepLast,
        int keepDaily,
        int keepWeekly,
        int keepMonthly,
        Duration staleAfter) {

    /** Checks every setting and reports all problems in one exception. */
    public ServiceSettings {
        Objects.requireNonNull(cronSecret, "cronSecret");
        Objects.requireNonNull(storeDirectory, "storeDirectory");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(lockName, "lockName");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(staleAfter, "staleAfter");
        List<String> problems = new ArrayList<>();
        if (!plan.equals("qa-app")) {
            problems.add("dbbackup.plan was '" + plan + "' but the only built-in plan is 'qa-app';"
                    + " replace the BackupPlan bean to back up your own tables");
        }
        try {
            BackupLock.checkName(lockName);
        } catch (IllegalArgumentException e) {
            problems.add("dbbackup.lock-name: " + e.getMessage());
        }
        if (maxAge.isNegative()) {
            problems.add("dbbackup.retention.max-age was '" + maxAge + "' but it must be positive, or 0 to turn it off");
        }
        check(problems, "keep-last", keepLast);
        check(problems, "keep-daily", keepDaily);
        check(problems, "keep-weekly", keepWeekly);
        check(problems, "keep-monthly", keepMonthly);
        if (maxAge.isZero() && keepLast == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0) {
            problems.add("dbbackup.retention keeps nothing: every rule is off; set max-age (default 30d) or a keep-* count");
        }
        if (staleAfter.isZero() || staleAfter.isNegative()) {
            problems.add("dbbackup.health.stale-after was '" + staleAfter + "' but it must be positive");
        }
        if (!problems.isEmpty()) {
            throw new BackupConfigurationException("Invalid configuration: " + String.join("; ", problems));
        }
    }

    private static void check(List<String> problems, String name, int count) {
        if (count < 0) {
            problems.add("dbbackup.retention." + name + " was " + count + " but it must be 0 (off) or more");
        }
    }

    /**
     * Returns whether the trigger endpoint is enabled, i.e. a secret is configured.
     *
     * @return {@code true} when {@link #cronSecret()} is not blank
     */
    public boolean isEndpointEnabled() {
        return !cronSecret.isBlank();
    }

    /**
     * Builds the retention policy from the {@code dbbackup.retention.*} counts and age.
     *
     * @return the policy: the union of every rule that is on
     */
    public RetentionPolicy retention() {
        List<RetentionPolicy> rules = new ArrayList<>();
        if (!maxAge.isZero()) {
            rules.add(RetentionPolicy.maxAge(maxAge));
        }
        rules.add(RetentionPolicy.keepLast(keepLast));
        rules.add(RetentionPolicy.keepDaily(keepDaily));
        rules.add(RetentionPolicy.keepWeekly(keepWeekly));
        rules.add(RetentionPolicy.keepMonthly(keepMonthly));
        return rules.stream().reduce(RetentionPolicy::and).orElseThrow();
    }

    @Override
    public String toString() {
        return "ServiceSettings[cronSecret=" + (isEndpointEnabled() ? "(set)" : "(not set)") + ", storeDirectory="
                + storeDirectory + ", plan=" + plan + ", lockName=" + lockName + ", retention=" + retention()
                + ", staleAfter=" + staleAfter + "]";
    }
}
