package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CronEndpointTest implements TestPropertyProvider {
    private static final String SECRET = "cron-secret-for-tests-7Qx2";
    private static final String RIGHT = "Bearer " + SECRET;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    BackupCatalog catalog;

    @Inject
    DataSource dataSource;

    @Inject
    AuditGate gate;

    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = TestSupport.h2Properties(SECRET);
        p.put("test.audit-gate", "true");
        return p;
    }

    @BeforeEach
    void api() {
        api = new Api(client, json);
    }

    @Test
    void rejectsARequestWithoutATokenAndRunsNothing() {
        int before = catalog.list().size();
        for (Api.Reply reply : List.of(api.get(Api.BACKUP, null), api.post(Api.BACKUP, null), api.get(Api.LIST, null))) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.wwwAuthenticate()).isEqualTo("Bearer");
            assertThat(reply.body()).contains("unauthorized");
        }
        assertThat(catalog.list()).hasSize(before);
    }

    @Test
    void rejectsAWrongTokenAndRunsNothing() {
        int before = catalog.list().size();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8));
        for (String wrong : List.of("Bearer wrong", "Bearer " + SECRET + "x", "Bearer " + SECRET.substring(1),
                "Bearer", SECRET, basic)) {
            assertThat(api.post(Api.BACKUP, wrong).status()).as(wrong).isEqualTo(401);
            assertThat(api.get(Api.BACKUP, wrong).status()).as(wrong).isEqualTo(401);
            assertThat(api.get(Api.LIST, wrong).status()).as(wrong).isEqualTo(401);
        }
        assertThat(catalog.list()).hasSize(before);
    }

    @Test
    void theRightTokenMakesABackupThatIsInTheStoreAndInTheAuditLog() throws Exception {
        Api.Reply reply = api.post(Api.BACKUP, RIGHT);

        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> body = api.parse(reply.body());
        String id = (String) body.get("id");
        assertThat(id).startsWith("backup-");
        assertThat(((Number) body.get("rows")).longValue()).isPositive();
        assertThat(((Number) body.get("bytes")).longValue()).isPositive();
        assertThat(((Number) body.get("durationMillis")).longValue()).isNotNegative();
        assertThat(body).containsEntry("tables", 10).containsEntry("pruneComplete", true).containsKey("pruned");
        assertThat(catalog.list()).extracting(BackupSetInfo::id).contains(id);
        assertThat(TestSupport.auditRows(dataSource, "DATABASE_BACKUP_CREATED", id)).isEqualTo(1);
    }

    @Test
    void getTriggersABackupTooAndTheListShowsItFirst() {
        Api.Reply reply = api.get(Api.BACKUP, "bearer " + SECRET);
        assertThat(reply.status()).isEqualTo(200);
        String id = (String) api.parse(reply.body()).get("id");

        Api.Reply list = api.get(Api.LIST, RIGHT);
        assertThat(list.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sets = (List<Map<String, Object>>) api.parse(list.body()).get("backups");
        assertThat(sets).hasSize(catalog.list().size());
        assertThat(sets.get(0)).containsEntry("id", id).containsKeys("createdAt", "rows", "bytes", "tables");
    }

    @Test
    void aSecondTriggerWhileABackupRunsGets409AndOnlyOneBackupIsMade() throws Exception {
        int before = catalog.list().size();
        gate.arm();
        CompletableFuture<Api.Reply> first = CompletableFuture.supplyAsync(() -> api.post(Api.BACKUP, RIGHT));
        try {
            gate.awaitBackupHeld();
            Api.Reply second = api.get(Api.BACKUP, RIGHT);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.body()).contains("busy").contains("already running in this instance");
        } finally {
            gate.release();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(catalog.list()).hasSize(before + 1);
    }
}
