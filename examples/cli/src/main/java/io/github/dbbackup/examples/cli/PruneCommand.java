package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneDecision;
import io.github.dbbackup.core.retention.PruneFailure;
import io.github.dbbackup.core.retention.PrunePlan;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.retention.RetentionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code prune}: deletes the sets the retention policy no longer keeps, explaining every decision. */
@Command(name = "prune", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Delete the backup sets the retention policy no longer keeps.",
                "Also sweeps incomplete sets older than 24 hours. Prints each set's decision and reason. Without any rule, --max-age 30d applies;"
                + " with rules, a set is kept when any rule keeps it. The newest complete set, the newest verified set"
                + " and pinned sets are always kept."})
final class PruneCommand extends CliCommand {

    @Mixin
    StoreOptions store;

    @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Keep sets younger than this: 30d, 36h, 90m or ISO-8601 (P30D). Default 30d when no rule is given.")
    Duration maxAge;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N sets.")
    Integer keepLast;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest set of each of the last N days (UTC).")
    Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest set of each of the last N ISO weeks.")
    Integer keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest set of each of the last N months.")
    Integer keepMonthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "Keep the newest set of each of the last N years.")
    Integer keepYearly;

    @Option(names = "--dry-run", description = "Print the decisions; delete nothing.")
    boolean dryRun;

    @Option(names = "--now", paramLabel = "ISO_INSTANT", converter = Converters.InstantConverter.class,
            description = "Evaluate the policy as of this instant, e.g. 2026-11-29T03:00:00Z (default: now).")
    Instant now;

    @Override
    String operation() {
        return (dryRun ? "dry run of the prune of " : "prune of ") + store.location;
    }

    @Override
    public Integer call() {
        RetentionPolicy policy = policy();
        BlobStore blobs = store.open(false);
        BackupPruner pruner;
        try {
            pruner = BackupPruner.builder()
                    .store(blobs)
                    .policy(policy)
                    .clock(now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC))
                    .audit(AuditSink.slf4j())
                    .build();
        } catch (BackupConfigurationException e) {
            throw new UsageException(String.join("; ", e.problems()));
        }
        if (dryRun) {
            PrunePlan plan = pruner.plan();
            out().println(plan.describe());
            out().println("Dry run: nothing was deleted.");
            return 0;
        }
        PruneResult result = pruner.prune();
        out().println(result.plan().describe());
        out().printf("Deleted %d sets and swept %d incomplete sets, freeing %s.%n", result.deleted().size(),
                result.swept().size(), Reports.bytes(result.plan().decisions().stream()
                        .filter(d -> d.action() != PruneDecision.Action.KEEP)
                        .filter(d -> result.deleted().contains(d.id()) || result.swept().contains(d.id()))
                        .mapToLong(PruneDecision::bytes).sum()));
        if (!result.isComplete()) {
            for (PruneFailure f : result.failures()) {
                out().println("  not finished: " + f.message());
            }
            out().flush();
            throw new CommandFailedException("Prune of " + blobs.describe() + " did not finish: "
                    + result.failures().size() + " failure(s); the first: " + result.failures().get(0).message());
        }
        return 0;
    }

    /** The union of the rules given, or the default (max age 30 days) when none is. */
    RetentionPolicy policy() {
        try {
            RetentionPolicy policy = maxAge == null ? null : RetentionPolicy.maxAge(maxAge);
            policy = and(policy, keepLast, RetentionPolicy::keepLast);
            policy = and(policy, keepDaily, RetentionPolicy::keepDaily);
            policy = and(policy, keepWeekly, RetentionPolicy::keepWeekly);
            policy = and(policy, keepMonthly, RetentionPolicy::keepMonthly);
            policy = and(policy, keepYearly, RetentionPolicy::keepYearly);
            return policy == null ? RetentionPolicy.defaults() : policy;
        } catch (BackupConfigurationException e) {
            throw new UsageException(String.join("; ", e.problems()));
        }
    }

    private static RetentionPolicy and(RetentionPolicy policy, Integer count, IntFunction<RetentionPolicy> rule) {
        if (count == null) {
            return policy;
        }
        RetentionPolicy next = rule.apply(count);
        return policy == null ? next : policy.and(next);
    }
}
