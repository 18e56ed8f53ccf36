package io.github.dbbackup.storage.s3;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads one part of a {@link BlobUpload} on an upload thread, reports the completed part or the
 * failure to it, then gives back the part's buffer and slot, whatever happened. Skips the request
 * when the upload failed already. {@link #interrupt()} stops a request in progress.
 */
final class PartUpload implements Runnable {

    private final BlobUpload upload;
    private final S3Client client;
    private final UploadPartRequest request;
    private final PartBuffer buffer;
    /** The thread running this task, null before and after; guarded by this. */
    private Thread runner;

    /**
     * @param upload the put this part belongs to
     * @param client the client to send the part with
     * @param request the request, with part number, length and checksum
     * @param buffer the part's bytes; handed back to {@code upload} when done
     */
    PartUpload(BlobUpload upload, S3Client client, UploadPartRequest request, PartBuffer buffer) {
        this.upload = upload;
        this.client = client;
        this.request = request;
        this.buffer = buffer;
    }

    /**
     * A pool for part uploads: a daemon thread per running part, none kept once idle for 30 s. A
     * put bounds its own part uploads with {@link UploadSlots}.
     *
     * @param bucket the bucket, to name the threads
     * @return the pool; the store shuts it down when closed
     */
    static ExecutorService newPool(String bucket) {
        AtomicInteger threads = new AtomicInteger();
        String name = "dbbackup-s3-upload-" + bucket + "-";
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, name + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void run() {
        synchronized (this) {
            runner = Thread.currentThread();
        }
        try {
            if (!upload.hasFailed()) {
                UploadPartResponse response = client.uploadPart(request,
                        RequestBody.fromContentProvider(buffer.contentProvider(), buffer.size(), PutOptions.CONTENT_TYPE));
                // the checksum is the request's: null in S3-compatible mode, which sends Content-MD5
                upload.partUploaded(CompletedPart.builder().partNumber(request.partNumber()).eTag(response.eTag())
                        .checksumSHA256(request.checksumSHA256()).build());
            }
        } catch (Throwable t) {
            upload.partFailed(request.partNumber(), t);
        } finally {
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted(); // an interrupt meant for this task must not hit the next one
            upload.partDone(this, buffer);
        }
    }

    /** Interrupts the thread running this part's request, if one is. */
    synchronized void interrupt() {
        if (runner != null) {
            runner.interrupt();
        }
    }
}
