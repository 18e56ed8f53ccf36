package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without a configured secret the endpoint is disabled: it is never open, whatever is sent. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisabledEndpointTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    BackupCatalog catalog;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return TestSupport.h2Properties("");
    }

    @Test
    void neverRunsABackupWhenNoSecretIsConfigured() throws Exception {
        Api api = new Api(client, json);
        for (String authorization : Arrays.asList(null, "Bearer", "Bearer ", "Bearer  ", "Bearer null", "Bearer anything")) {
            for (Api.Reply reply : new Api.Reply[] {api.get(Api.BACKUP, authorization), api.post(Api.BACKUP, authorization),
                    api.get(Api.LIST, authorization)}) {
                assertThat(reply.status()).as(String.valueOf(authorization)).isEqualTo(503);
                assertThat(reply.body()).contains("disabled").contains("CRON_SECRET");
            }
        }
        assertThat(catalog.list()).isEmpty();
        assertThat(TestSupport.auditRows(dataSource, "DATABASE_BACKUP_CREATED", "")).isZero();
    }
}
