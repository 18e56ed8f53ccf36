package io.github.dbbackup.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Memory stays bounded by part size × (1 + upload concurrency), not by the blob's size: a 50 MiB
 * blob goes through a multipart upload from a JVM whose whole heap is 32 MiB, and the heap retained
 * after each garbage collection stays near the 15 MiB of part buffers. The server runs in this JVM;
 * the uploading store in a JVM of its own, so that only the store's memory is measured.
 */
@ExtendWith(S3ProxyExtension.class)
class S3BlobStoreHeapTest {

    private static final long MIB = 1024 * 1024;
    private static final Pattern RESULT =
            Pattern.compile("RESULT maxHeap=(\\d+) baseline=(\\d+) peakAfterGc=(\\d+) collections=(\\d+) full=(\\d+) millis=(\\d+)");

    @Test
    void uploads50MiBThroughMultipartFromAHeapSmallerThanTheBlob(S3ProxyServer server) throws Exception {
        String bucket = server.createBucket();
        long size = 50 * MIB;
        long partSize = 5 * MIB;
        int concurrency = 2;
        String heap = "-Xmx32m";

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HeapBoundUpload.class.getName(), server.endpoint().toString(), bucket, "set/big.json.gz",
                Long.toString(size), "50", Long.toString(partSize), Integer.toString(concurrency))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as("exit value; output:%n%s", output).isZero();
        Matcher result = RESULT.matcher(output);
        assertThat(result.find()).as("output:%n%s", output).isTrue();
        long maxHeap = Long.parseLong(result.group(1));
        long baseline = Long.parseLong(result.group(2));
        long peakAfterGc = Long.parseLong(result.group(3));
        long bufferBound = partSize * (1 + concurrency);
        int fullCollections = Integer.parseInt(result.group(5));
        System.out.printf("50 MiB multipart upload with %s: heap max %.1f MiB, idle store %.1f MiB, peak retained"
                + " after full GC %.1f MiB, so %.1f MiB for the upload (part buffers at most %d MiB); %s collections"
                + " (%d full), %s ms%n", heap, maxHeap / (double) MIB, baseline / (double) MIB,
                peakAfterGc / (double) MIB, (peakAfterGc - baseline) / (double) MIB, bufferBound / MIB,
                result.group(4), fullCollections, result.group(6));
        assertThat(maxHeap).isLessThan(size);
        assertThat(fullCollections).as("full collections, which measure what is retained").isPositive();
        assertThat(peakAfterGc - baseline).isLessThan(bufferBound + 4 * MIB);
        try (InputStream in = server.admin().getObject(b -> b.bucket(bucket).key("set/big.json.gz"))) {
            assertThat(TestData.sha256(in)).isEqualTo(TestData.sha256OfStream(size, 50));
        }
        assertThat(server.admin().headObject(b -> b.bucket(bucket).key("set/big.json.gz")).eTag()).endsWith("-10\"");
        assertThat(server.uploads(bucket)).isEmpty();
        assertThat(List.of(output.split("\n"))).noneMatch(line -> line.contains("ERROR"));
    }

}
