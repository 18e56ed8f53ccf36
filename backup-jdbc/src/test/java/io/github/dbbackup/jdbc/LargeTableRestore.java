package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Restores the newest set of a folder into a database and prints figures; run in a JVM with a small
 * heap by {@link PostgreSqlLargeTableIT}. Prints {@code ROWS=}, {@code MILLIS=}, {@code PEAK_HEAP=}
 * and {@code MAX_HEAP=} lines.
 */
final class LargeTableRestore {

    private LargeTableRestore() {
    }

    public static void main(String[] args) {
        RestoreReport report = Restorer.builder()
                .store(FileSystemBlobStore.of(Path.of(args[1])))
                .target(JdbcTarget.of(UrlDataSource.of(args[0])))
                .audit(AuditSink.noop())
                .build()
                .restore(Restorer.LATEST);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("ROWS=" + report.totalRows());
        System.out.println("MILLIS=" + report.duration().toMillis());
        System.out.println("PEAK_HEAP=" + peak);
        System.out.println("MAX_HEAP=" + Runtime.getRuntime().maxMemory());
    }
}
