package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Backs up one table into a folder and prints figures; run in a JVM with a small heap by
 * {@link PostgreSqlLargeTableIT} (and usable by hand: {@code java -Xmx64m -cp … LargeTableExport URL DIR TABLE
 * [CONNECTIONS]}).
 * Prints {@code ROWS=}, {@code BYTES=}, {@code PARTS=}, {@code MILLIS=}, {@code PEAK_HEAP=} and {@code MAX_HEAP=} lines.
 */
final class LargeTableExport {

    private LargeTableExport() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path dir = Path.of(args[1]);
        String table = args[2];
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        DataSource dataSource = UrlDataSource.of(url);
        BackupResult result = Backups.builder()
                .source(JdbcSource.of(dataSource))
                .store(FileSystemBlobStore.of(dir))
                .plan(BackupPlan.builder().tables(table).strict(false).build())
                .audit(AuditSink.noop())
                .parallelism(connections)
                .build()
                .backup();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("ROWS=" + result.totalRows());
        System.out.println("BYTES=" + result.totalBytes());
        System.out.println("PARTS=" + result.parts().size());
        System.out.println("MILLIS=" + result.duration().toMillis());
        System.out.println("PEAK_HEAP=" + peak);
        System.out.println("MAX_HEAP=" + Runtime.getRuntime().maxMemory());
    }
}
