package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyBackupTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;

    @Inject
    DailyBackup daily;

    @Inject
    BackupCatalog catalog;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = TestSupport.h2Properties("secret");
        p.put("dbbackup.retention.max-age", "0s");
        p.put("dbbackup.retention.keep-last", "1");
        return p;
    }

    @Test
    void theScheduledMethodRunsDailyAt0300Utc() {
        BeanDefinition<DailyBackup> definition = context.getBeanDefinition(DailyBackup.class);
        List<ExecutableMethod<DailyBackup, ?>> scheduled = definition.getExecutableMethods().stream()
                .filter(m -> m.hasAnnotation(Scheduled.class))
                .toList();

        assertThat(scheduled).hasSize(1);
        ExecutableMethod<DailyBackup, ?> method = scheduled.get(0);
        assertThat(method.getMethodName()).isEqualTo("run");
        assertThat(method.stringValue(Scheduled.class, "cron")).contains("0 0 3 * * *");
        assertThat(method.stringValue(Scheduled.class, "zoneId")).contains("UTC");
        assertThat(method.stringValue(Scheduled.class, "fixedRate")).isEmpty();
        assertThat(method.stringValue(Scheduled.class, "fixedDelay")).isEmpty();
    }

    @Test
    void eachRunBacksUpThenPrunesAndAFailedRunIsAuditedAndPrunesNothing() throws Exception {
        BackupService.Outcome first = daily.run();
        BackupService.Outcome second = daily.run();

        assertThat(first).isInstanceOf(BackupService.Completed.class);
        assertThat(second).isInstanceOf(BackupService.Completed.class);
        String firstId = ((BackupService.Completed) first).result().backup().id();
        String secondId = ((BackupService.Completed) second).result().backup().id();
        assertThat(((BackupService.Completed) second).result().prune().deleted()).containsExactly(firstId);
        assertThat(catalog.list()).extracting(s -> s.id()).containsExactly(secondId);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE added_by_a_migration (id INT PRIMARY KEY)");
        }
        try {
            assertThat(daily.run()).as("a strict plan refuses an unknown table").isNull();
            assertThat(catalog.list()).extracting(s -> s.id()).containsExactly(secondId);
            assertThat(TestSupport.auditRows(dataSource, "DATABASE_BACKUP_FAILED", "added_by_a_migration")).isEqualTo(1);
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE added_by_a_migration");
            }
        }
    }
}
