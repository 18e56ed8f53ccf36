package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, protected by {@code Authorization: Bearer <CRON_SECRET>}:
 * <ul>
 *   <li>{@code GET} or {@code POST /api/cron/backup-database} runs a backup (then a prune): 200 with
 *       the new set's id, rows, bytes and duration; 409 while a backup runs here or in another
 *       replica; 500 when the backup failed;</li>
 *   <li>{@code GET /api/backups} lists the complete sets, newest first.</li>
 * </ul>
 * A missing or wrong token gets 401. Without a configured secret both endpoints answer 503 and never
 * run anything: an unprotected backup trigger is never open. Backups and listings block on JDBC and
 * the store, so they run on the blocking executor.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BackupController {
    private static final Logger LOG = LoggerFactory.getLogger(BackupController.class);

    private final BackupService service;
    private final BackupCatalog catalog;
    private final ServiceSettings settings;

    /**
     * Creates the controller.
     *
     * @param service runs one backup at a time
     * @param catalog lists the sets
     * @param settings holds the secret
     */
    public BackupController(BackupService service, BackupCatalog catalog, ServiceSettings settings) {
        this.service = Objects.requireNonNull(service, "service");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!settings.isEndpointEnabled()) {
            LOG.warn("CRON_SECRET (dbbackup.cron-secret) is not set: /api/cron/backup-database and /api/backups are"
                    + " disabled and answer 503; the daily schedule still runs");
        }
    }

    /**
     * Runs a backup, as a cron service calls it.
     *
     * @param authorization the {@code Authorization} header
     * @return 200, 401, 409, 500 or 503 (see the class description)
     */
    @Get(value = "/cron/backup-database", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> backupOnGet(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return backup(authorization);
    }

    /**
     * Runs a backup; the same as {@link #backupOnGet}.
     *
     * @param authorization the {@code Authorization} header
     * @return 200, 401, 409, 500 or 503 (see the class description)
     */
    @Post(value = "/cron/backup-database", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> backupOnPost(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return backup(authorization);
    }

    /**
     * Lists the complete backup sets, newest first.
     *
     * @param authorization the {@code Authorization} header
     * @return 200 with the list, 401 or 503
     */
    @Get(value = "/backups", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> list(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        HttpResponse<?> refused = refusal(authorization);
        if (refused != null) {
            return refused;
        }
        List<ApiResponses.BackupSet> sets = new ArrayList<>();
        List<BackupSetInfo> all = catalog.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            sets.add(ApiResponses.BackupSet.of(all.get(i)));
        }
        return HttpResponse.ok(new ApiResponses.BackupList(sets));
    }

    private HttpResponse<?> backup(String authorization) {
        HttpResponse<?> refused = refusal(authorization);
        if (refused != null) {
            return refused;
        }
        try {
            BackupService.Outcome outcome = service.runOnce("endpoint");
            if (outcome instanceof BackupService.Completed completed) {
                return HttpResponse.ok(ApiResponses.BackupCreated.of(completed.result()));
            }
            BackupService.Busy busy = (BackupService.Busy) outcome;
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new ApiResponses.Error("busy", busy.reason() + "; try again when it has finished"));
        } catch (BackupException e) {
            LOG.error("Backup requested by the endpoint failed, nothing was pruned: {}", e.getMessage());
            return HttpResponse.serverError(new ApiResponses.Error("backup-failed", e.getMessage()));
        }
    }

    /** Returns the response refusing the request, or {@code null} when it may proceed. */
    private HttpResponse<?> refusal(String authorization) {
        if (!settings.isEndpointEnabled()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new ApiResponses.Error("disabled", "this endpoint is disabled because CRON_SECRET is not set"));
        }
        if (!BearerToken.matches(settings.cronSecret(), authorization)) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(new ApiResponses.Error("unauthorized", "send 'Authorization: Bearer <CRON_SECRET>'"));
        }
        return null;
    }
}
