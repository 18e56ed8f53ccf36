package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A backup is one consistent snapshot: while a writer keeps moving amounts between two tables in
 * committed transactions, the total over both tables in every backup equals the invariant.
 * Without a shared snapshot the tables would be read at different moments and the total would drift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsistencyContract {

    static final int ROWS = 20_000;
    static final long BALANCE = 1_000;
    static final long INVARIANT = 2L * ROWS * BALANCE;

    TestDatabase db;

    @BeforeAll
    void createLedgers(TestDatabase db) throws Exception {
        this.db = db;
        db.execute("CREATE TABLE ledger_a (id INT PRIMARY KEY, amount BIGINT NOT NULL)",
                "CREATE TABLE ledger_b (id INT PRIMARY KEY, amount BIGINT NOT NULL)");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (String table : new String[] {"ledger_a", "ledger_b"}) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, amount) VALUES (?, ?)")) {
                    for (int i = 1; i <= ROWS; i++) {
                        ps.setInt(1, i);
                        ps.setLong(2, BALANCE);
                        ps.addBatch();
                        if (i % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        }
    }

    @Test
    void everyBackupTakenDuringTransfersHoldsTheInvariantTotal() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong transfers = new AtomicLong();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writing = writer.submit(() -> {
            transfer(running, transfers);
            return null;
        });
        try {
            while (transfers.get() < 50) {
                Thread.sleep(10); // the writer is really moving money before the first backup starts
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                long before = transfers.get();
                InMemoryBlobStore store = new InMemoryBlobStore();
                BackupResult result = configure(Backups.builder()
                        .source(JdbcSource.of(db.dataSource()))
                        .store(store)
                        .plan(BackupPlan.builder().tables("ledger_a", "ledger_b").build())
                        .audit(AuditSink.noop()))
                        .build()
                        .backup();
                checkSet(result.manifest());
                long[] total = {0};
                BackupReader set = BackupReader.open(store, result.id());
                set.forEachRow("ledger_a", row -> total[0] += (Long) row[1]);
                set.forEachRow("ledger_b", row -> total[0] += (Long) row[1]);
                assertThat(total[0]).as("total of backup %d", attempt).isEqualTo(INVARIANT);
                assertThat(transfers.get()).as("transfers committed during backup %d", attempt).isGreaterThan(before);
            }
        } finally {
            running.set(false);
            writing.get(30, TimeUnit.SECONDS);
            writer.shutdown();
        }
        assertThat(db.queryForLong("SELECT SUM(amount) FROM ledger_a") + db.queryForLong("SELECT SUM(amount) FROM ledger_b"))
                .isEqualTo(INVARIANT);
    }

    /** Adds what a subclass tests (e.g. parallel export) to the backup under test. */
    Backups.Builder configure(Backups.Builder builder) {
        return builder;
    }

    /** Checks what a subclass expects of each set. */
    void checkSet(Manifest manifest) {
        assertThat(manifest.consistent()).isTrue();
    }

    private void transfer(AtomicBoolean running, AtomicLong transfers) throws Exception {
        Random random = new Random(7);
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement debit = c.prepareStatement("UPDATE ledger_a SET amount = amount - ? WHERE id = ?");
                PreparedStatement credit = c.prepareStatement("UPDATE ledger_b SET amount = amount + ? WHERE id = ?")) {
            c.setAutoCommit(false);
            while (running.get()) {
                long amount = 1 + random.nextInt(100);
                boolean aToB = random.nextBoolean();
                debit.setLong(1, aToB ? amount : -amount);
                debit.setInt(2, 1 + random.nextInt(ROWS));
                credit.setLong(1, aToB ? amount : -amount);
                credit.setInt(2, 1 + random.nextInt(ROWS));
                debit.executeUpdate();
                credit.executeUpdate();
                c.commit();
                transfers.incrementAndGet();
            }
        }
    }
}
