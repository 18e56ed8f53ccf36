package io.github.dbbackup.examples.qaapp;

import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.TableSpec;

/**
 * The backup plan of the QA-app's disaster-recovery runbook: the business tables, users without
 * their password hashes, and every secret, ephemeral or external table left out with the reason and
 * the action someone must take after a restore.
 *
 * @since 0.1
 */
public final class QaAppPlan {

    private QaAppPlan() {
    }

    /**
     * Returns the runbook's plan. It is strict: a table added to the schema by a migration fails the
     * backup until the plan includes or excludes it.
     *
     * @return the plan, covering every table of {@link QaAppSchema#ALL_TABLES}
     */
    public static BackupPlan plan() {
        return BackupPlan.builder()
                .table(TableSpec.of("users")
                        .excludeColumn("password_hash", "Every user must reset their password")
                        .placeholder("password_hash", "RESET_REQUIRED"))
                .tables("teams", "subscriptions", "team_members", "projects", "milestones",
                        "environments", "test_suites", "test_cases", "test_runs")
                .excludeTable("session", "Ephemeral login sessions", "Users sign in again")
                .excludeTable("password_reset_token", "Short-lived reset links", "")
                .excludeTable("api_key", "Secrets", "Users must regenerate API keys")
                .excludeTable("authenticator_token", "TOTP secrets", "Users must re-enrol two-factor authentication")
                .excludeTable("attachment", "Large files kept in object storage", "")
                .excludeTable("audit_log", "Append-only audit trail kept by the host", "")
                .excludeTable("team_invitation", "Pending invitations expire", "Re-send open invitations")
                .excludeTable("enterprise_inquiry", "Sales leads kept in the CRM", "")
                .excludeTable("jira_issue", "Copied from Jira again when it is re-connected", "")
                .excludeTable("jira_integration", "OAuth tokens", "Re-connect Jira")
                .excludeTable("slack_integration", "OAuth tokens", "Users must re-connect Slack")
                .strict(true)
                .build();
    }
}
