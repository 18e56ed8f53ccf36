package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import org.junit.jupiter.api.Test;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlDialectIT extends DialectContract {

    @Override
    String autoIncrementColumn() {
        return "BIGSERIAL";
    }

    @Override
    String generatedColumn() {
        return "NUMERIC(10,2) GENERATED ALWAYS AS (price * 2) STORED";
    }

    @Override
    String expectedDefaultSchema() {
        return "public";
    }

    @Test
    void inheritanceChildrenAreExportedOnceAsThemselves() throws Exception {
        db.execute("CREATE SCHEMA inh",
                "CREATE TABLE inh.events (id INT PRIMARY KEY, kind TEXT)",
                "CREATE TABLE inh.click_events (x INT) INHERITS (inh.events)",
                "INSERT INTO inh.events VALUES (1, 'base')",
                "INSERT INTO inh.click_events VALUES (2, 'click', 7)");
        BackupResult result = Backups.builder()
                .source(JdbcSource.builder(db.dataSource()).schema("inh").build())
                .store(new InMemoryBlobStore())
                .plan(BackupPlan.builder().tables("events", "click_events").build())
                .audit(AuditSink.noop())
                .build()
                .backup();
        assertThat(result.manifest().table("events").orElseThrow().rows()).isEqualTo(1);
        assertThat(result.manifest().table("click_events").orElseThrow().rows()).isEqualTo(1);
        assertThat(result.manifest().source().schema()).isEqualTo("inh");
    }
}
