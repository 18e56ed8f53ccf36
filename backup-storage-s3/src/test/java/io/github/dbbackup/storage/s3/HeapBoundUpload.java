package io.github.dbbackup.storage.s3;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Run in a JVM of its own by {@link S3BlobStoreHeapTest}: uploads a pseudo-random blob through an
 * {@link S3BlobStore} and prints the largest heap occupancy seen right after a full garbage
 * collection (what the upload retained, garbage excluded), the number of collections and the time
 * taken.
 *
 * <p>Arguments: endpoint, bucket, key, size in bytes, seed, part size in bytes, upload concurrency.
 */
final class HeapBoundUpload {

    private static Set<String> heapPools;

    private HeapBoundUpload() {
    }

    private static long heapAfterFullGc() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> heapPools.contains(pool.getName()))
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        String key = args[2];
        long size = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        long partSize = Long.parseLong(args[5]);
        int concurrency = Integer.parseInt(args[6]);

        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        AtomicLong peakAfterGc = new AtomicLong();
        AtomicInteger collections = new AtomicInteger();
        AtomicInteger fullCollections = new AtomicInteger();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    collections.incrementAndGet();
                    if (info.getGcAction().contains("major")) {
                        // after a full collection the heap holds only what is reachable: what the upload retains
                        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed())
                                .sum();
                        peakAfterGc.accumulateAndGet(used, Math::max);
                        fullCollections.incrementAndGet();
                    }
                }
            }, null, null);
        }

        long baseline;
        long millis;
        try (S3BlobStore store = S3BlobStore.builder().bucket(bucket).endpointOverride(endpoint).pathStyleAccess(true)
                .credentials(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_ACCESS_KEY).compatibleMode(true)
                .partSize(partSize).uploadConcurrency(concurrency).build()) {
            // the idle store, its client and the classes a put loads: what the upload does not account for
            store.put(key + ".warm-up", out -> out.write(1));
            store.delete(key + ".warm-up");
            baseline = heapAfterFullGc();
            long start = System.nanoTime();
            store.put(key, TestData.stream(size, seed));
            millis = (System.nanoTime() - start) / 1_000_000;
        }
        Thread.sleep(200); // GC notifications arrive asynchronously
        System.out.println("RESULT maxHeap=" + Runtime.getRuntime().maxMemory() + " baseline=" + baseline
                + " peakAfterGc=" + peakAfterGc.get()
                + " collections=" + collections.get() + " full=" + fullCollections.get() + " millis=" + millis);
    }
}
