package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas of the service (two application contexts, each with its own HTTP server, in-process
 * guard and connection pool) on one PostgreSQL database and one store: when both are triggered at
 * once, one backs up and the other is refused by the advisory lock.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasOnPostgreSqlIT {
    private static final String SECRET = "replica-secret";

    TestDatabase db;
    Path store;
    EmbeddedServer first;
    EmbeddedServer second;

    @BeforeAll
    void startTwoReplicas(TestDatabase db) throws Exception {
        this.db = db;
        try (Connection c = db.openConnection()) {
            QaAppSchema.create(c, QaAppSchema.Database.POSTGRESQL);
            QaAppData.insert(c, QaAppSchema.Database.POSTGRESQL, 1, 42L);
        }
        store = TestSupport.newStoreDirectory();
        first = ApplicationContext.run(EmbeddedServer.class, properties(true));
        second = ApplicationContext.run(EmbeddedServer.class, properties(false));
    }

    private Map<String, Object> properties(boolean gated) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("datasources.default.url", db.jdbcUrl());
        p.put("datasources.default.username", db.user());
        p.put("datasources.default.password", db.password());
        p.put("dbbackup.store.directory", store.toString());
        p.put("dbbackup.cron-secret", SECRET);
        p.put("dbbackup.demo.create-schema", "false");
        p.put("test.audit-gate", String.valueOf(gated));
        return p;
    }

    @AfterAll
    void stop() {
        for (EmbeddedServer server : new EmbeddedServer[] {first, second}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
    }

    private static Api api(EmbeddedServer server) {
        return new Api(server.getApplicationContext().createBean(HttpClient.class, server.getURL()),
                server.getApplicationContext().getBean(JsonMapper.class));
    }

    @Test
    void twoReplicasTriggeredTogetherMakeOneBackup() throws Exception {
        BackupCatalog catalog = BackupCatalog.of(first.getApplicationContext().getBean(
                io.github.dbbackup.core.spi.BlobStore.class));
        int before = catalog.list().size();
        AuditGate gate = first.getApplicationContext().getBean(AuditGate.class);
        gate.arm();
        CompletableFuture<Api.Reply> fromFirst = CompletableFuture.supplyAsync(
                () -> api(first).post(Api.BACKUP, "Bearer " + SECRET));
        try {
            gate.awaitBackupHeld();
            Api.Reply fromSecond = api(second).post(Api.BACKUP, "Bearer " + SECRET);
            assertThat(fromSecond.status()).isEqualTo(409);
            assertThat(fromSecond.body()).contains("another instance").contains("lock 'dbbackup'");
            assertThat(second.getApplicationContext().getBean(DailyBackup.class).run())
                    .as("the scheduled run of the second replica skips too")
                    .isInstanceOf(BackupService.Busy.class);
        } finally {
            gate.release();
        }
        Api.Reply reply = fromFirst.get(60, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        String id = (String) api(first).parse(reply.body()).get("id");

        assertThat(catalog.list()).hasSize(before + 1);
        assertThat(catalog.latest().orElseThrow().id()).isEqualTo(id);
        assertThat(db.queryForLong("SELECT COUNT(*) FROM audit_log WHERE action = 'DATABASE_BACKUP_CREATED'"))
                .isEqualTo(before + 1);

        Api.Reply afterwards = api(second).post(Api.BACKUP, "Bearer " + SECRET);
        assertThat(afterwards.status()).as("the lock is free again").isEqualTo(200);
        assertThat(catalog.list()).hasSize(before + 2);
    }
}
