package io.github.dbbackup.storage.s3;

import static io.github.dbbackup.storage.s3.S3BlobStore.MAX_PARTS;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.spi.BlobWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * One put in progress: the stream the writer writes to, the part being filled, the parts being
 * uploaded, and what it takes to finish or abort. A blob that fits in one part goes as one
 * {@code PutObject} from {@link #finish()}; a larger one becomes a multipart upload when its first
 * part is full, whose parts {@link PartUpload}s send on the store's upload threads while the writer
 * fills the next, at most {@link PutOptions#uploadConcurrency()} at a time.
 *
 * <p>Used by the put's thread only, through {@link #run(BlobWriter)}: the writer writes, then
 * {@link #finish()}, or {@link #fail(Throwable, boolean)} after anything threw. The part uploads report back through
 * {@link #partUploaded}, {@link #partFailed} and {@link #partDone}.
 */
final class BlobUpload extends OutputStream {

    /** Logs under the store's name, which is what hosts configure. */
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    /** How long a failing put waits for its part uploads to stop before aborting the upload. */
    private static final long ABORT_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final S3Client client;
    private final S3Location location;
    private final PutOptions options;
    private final Executor uploadThreads;
    private final String key;
    private final String objectKey;
    private final UploadSlots slots;
    private final ConcurrentLinkedQueue<PartBuffer> free = new ConcurrentLinkedQueue<>();
    private final Set<PartUpload> running = ConcurrentHashMap.newKeySet();
    private final ConcurrentSkipListMap<Integer, CompletedPart> completed = new ConcurrentSkipListMap<>();
    private final List<byte[]> partDigests = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The number of the part whose upload failed first, 0 when none did. */
    private final AtomicInteger failedPart = new AtomicInteger();
    private PartBuffer current;
    private int nextPart = 1;
    private String uploadId;
    private boolean finished;

    /**
     * @param client the client
     * @param location where the blob goes, and how messages name it
     * @param options checksums, encryption, storage class, part size, concurrency
     * @param uploadThreads runs the part uploads; may reject them once the store is closed
     * @param key the blob's key, already checked
     */
    BlobUpload(S3Client client, S3Location location, PutOptions options, Executor uploadThreads, String key) {
        this.client = client;
        this.location = location;
        this.options = options;
        this.uploadThreads = uploadThreads;
        this.key = key;
        this.objectKey = location.objectKey(key);
        this.slots = new UploadSlots(options.uploadConcurrency());
    }

    /**
     * Lets the writer write, then finishes the blob, or fails and aborts when anything threw.
     *
     * @param writer writes the content to this stream
     * @throws BackupStorageException when the writer or S3 failed; nothing was stored then, unless
     *     S3 reported another checksum than that of the bytes sent (see {@link ChecksumMismatchException})
     */
    void run(BlobWriter writer) {
        Throwable writerFailure = null;
        try {
            writer.writeTo(this);
        } catch (Throwable t) {
            writerFailure = t;
        }
        if (writerFailure != null) {
            throw fail(writerFailure, true);
        }
        try {
            finish();
        } catch (Throwable t) {
            throw fail(t, false);
        }
    }

    // ---------------------------------------------------------------- the writer's stream

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        prepareRoom();
        current.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        while (len > 0) {
            prepareRoom();
            int n = (int) Math.min(len, current.remaining());
            current.write(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Does nothing: parts are sent when full. */
    @Override
    public void flush() throws IOException {
        ensureWritable();
    }

    /** Does nothing: the store finishes the blob when the writer returns. */
    @Override
    public void close() {
    }

    private void ensureWritable() throws IOException {
        if (finished) {
            throw new IOException("The stream of blob '" + key + "' is closed: its put has returned");
        }
        checkFailure();
    }

    private void checkFailure() throws PartUploadFailedException {
        Throwable f = failure.get();
        if (f != null) {
            throw new PartUploadFailedException("Uploading a part of blob '" + key + "' to " + location.describe()
                    + " failed: " + S3Failures.summary(f), f);
        }
    }

    /** Makes sure {@link #current} has room for at least one byte, sending it first when full. */
    private void prepareRoom() throws IOException {
        if (current == null) {
            current = newBuffer();
        } else if (current.isFull()) {
            sendCurrentPart();
            PartBuffer reused = free.poll();
            current = reused != null ? reused : newBuffer();
        }
    }

    private PartBuffer newBuffer() {
        return new PartBuffer(options.partSize(), options.digestAlgorithm());
    }

    // ---------------------------------------------------------------- parts

    private void sendCurrentPart() throws IOException {
        if (uploadId == null) {
            startMultipartUpload();
        }
        if (nextPart > MAX_PARTS) {
            throw new IOException("Blob '" + key + "' needs more than " + MAX_PARTS + " parts of "
                    + options.partSize() + " bytes, S3's limit for one object: raise the store's partSize");
        }
        acquireSlot();
        submit(current, nextPart++);
    }

    private void startMultipartUpload() throws PartUploadFailedException {
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
                .bucket(location.bucket()).key(objectKey).contentType(PutOptions.CONTENT_TYPE);
        options.applyTo(request);
        if (!options.compatibleMode()) {
            request.checksumAlgorithm(ChecksumAlgorithm.SHA256);
        }
        try {
            uploadId = client.createMultipartUpload(request.build()).uploadId();
        } catch (SdkException e) {
            failure.compareAndSet(null, e);
            checkFailure();
        }
        LOG.debug("started multipart upload {} of '{}' in {}", uploadId, key, location.describe());
    }

    /** Waits until fewer than the upload concurrency parts are in flight, then counts one more. */
    private void acquireSlot() throws IOException {
        boolean acquired;
        try {
            acquired = slots.acquire(this::hasFailed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while blob '" + key + "' waited for a part upload to"
                    + " finish");
        }
        if (!acquired) {
            checkFailure();
        }
    }

    private void submit(PartBuffer buffer, int number) throws IOException {
        byte[] digest = buffer.finishDigest();
        partDigests.add(digest);
        String checksum = Checksums.base64(digest);
        UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(location.bucket()).key(objectKey)
                .uploadId(uploadId).partNumber(number).contentLength(buffer.size());
        if (options.compatibleMode()) {
            request.contentMD5(checksum);
        } else {
            request.checksumSHA256(checksum);
        }
        PartUpload task = new PartUpload(this, client, request.build(), buffer);
        running.add(task);
        try {
            uploadThreads.execute(task);
        } catch (RejectedExecutionException e) {
            running.remove(task);
            slots.release();
            failure.compareAndSet(null, new IllegalStateException("S3 blob store " + location.describe()
                    + " was closed during the put", e));
            checkFailure();
        }
    }

    boolean hasFailed() {
        return failure.get() != null;
    }

    /** A part upload succeeded. */
    void partUploaded(CompletedPart part) {
        completed.put(part.partNumber(), part);
    }

    /** A part upload failed; the first failure wins and stops the put. */
    void partFailed(int number, Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            failedPart.set(number);
        }
    }

    /** A part upload ended, one way or another: its buffer and slot are free again. */
    void partDone(PartUpload task, PartBuffer buffer) {
        buffer.reset();
        free.add(buffer);
        running.remove(task);
        slots.release();
    }

    // ---------------------------------------------------------------- finish

    /** The writer returned: send what is left and make the blob visible. */
    private void finish() throws IOException {
        finished = true;
        checkFailure();
        if (current == null) {
            current = newBuffer(); // empty blob
        }
        if (uploadId == null) {
            putSingleObject();
            return;
        }
        if (current.size() > 0) {
            sendCurrentPart();
            current = null;
        }
        try {
            slots.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while blob '" + key + "' waited for its last parts to"
                    + " upload");
        }
        checkFailure();
        completeMultipartUpload();
    }

    private void putSingleObject() throws IOException {
        String checksum = Checksums.base64(current.finishDigest());
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(location.bucket()).key(objectKey)
                .contentLength(current.size()).contentType(PutOptions.CONTENT_TYPE);
        options.applyTo(request);
        if (options.compatibleMode()) {
            request.contentMD5(checksum);
        } else {
            request.checksumSHA256(checksum);
        }
        PutObjectResponse response = client.putObject(request.build(),
                RequestBody.fromContentProvider(current.contentProvider(), current.size(), PutOptions.CONTENT_TYPE));
        String reported = response.checksumSHA256();
        if (!options.compatibleMode() && reported != null && !reported.equals(checksum)) {
            throw deleteAfterChecksumMismatch(reported, checksum);
        }
    }

    private void completeMultipartUpload() throws IOException {
        List<CompletedPart> parts = new ArrayList<>(completed.values());
        if (parts.size() != nextPart - 1) {
            throw new IllegalStateException("multipart upload " + uploadId + " of blob '" + key + "' has "
                    + parts.size() + " completed parts of " + (nextPart - 1));
        }
        CompleteMultipartUploadResponse response = client.completeMultipartUpload(b -> b.bucket(location.bucket())
                .key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        String completedId = uploadId;
        uploadId = null; // nothing to abort any more: the object is there
        LOG.debug("completed multipart upload {} of '{}' in {} with {} parts", completedId, key, location.describe(),
                parts.size());
        String reported = response.checksumSHA256();
        if (!options.compatibleMode() && reported != null) {
            String expected = Checksums.compositeSha256(partDigests);
            if (!Checksums.sameComposite(reported, expected)) {
                throw deleteAfterChecksumMismatch(reported, expected);
            }
        }
    }

    /** S3 stored other bytes than were sent: deletes the object again and says how that went. */
    private ChecksumMismatchException deleteAfterChecksumMismatch(String reported, String expected) {
        String outcome;
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(objectKey));
            outcome = "the object was deleted again, so nothing is stored under the key (an older version of"
                    + " the blob, if there was one, is gone too)";
        } catch (SdkException e) {
            outcome = "deleting the object failed too (" + S3Failures.summary(e) + "): delete blob '" + key
                    + "' by hand";
        }
        return new ChecksumMismatchException(reported, expected, outcome);
    }

    // ---------------------------------------------------------------- fail

    /**
     * The put failed: stops the part uploads, aborts the multipart upload, builds the exception.
     *
     * @param thrown what the writer or {@link #finish()} threw
     * @param fromWriter whether the writer threw it
     * @return the exception for the caller, with {@code thrown} (or the failed part's cause) as cause
     */
    private BackupStorageException fail(Throwable thrown, boolean fromWriter) {
        finished = true;
        Throwable uploadFailure = failure.get();
        Throwable cause;
        String explanation;
        if (thrown instanceof PartUploadFailedException && thrown.getCause() != null) {
            cause = thrown.getCause();
            int part = failedPart.get();
            long partSize = options.partSize();
            explanation = (part > 0 ? "uploading part " + part + " (bytes " + (part - 1) * partSize + " to "
                    + (part * partSize - 1) + " at most) failed: " : "") + location.explain(cause);
        } else if (fromWriter) {
            cause = thrown;
            explanation = "the writer failed: " + S3Failures.summary(thrown);
        } else {
            cause = thrown;
            explanation = location.explain(thrown);
        }
        failure.compareAndSet(null, thrown);
        List<Throwable> suppressed = new ArrayList<>();
        String aborted = abort(suppressed);
        // after a mismatch the object was stored (and deleted again, or not): "nothing was stored" would be wrong
        boolean stored = thrown instanceof ChecksumMismatchException;
        BackupStorageException exception = new BackupStorageException(key, "Could not store blob '" + key
                + "' in " + location.where() + ": " + explanation + "." + (stored ? "" : " Nothing was stored under"
                + " that key (an existing blob keeps its content)" + aborted + "."), cause);
        if (uploadFailure != null && uploadFailure != cause) {
            exception.addSuppressed(uploadFailure);
        }
        suppressed.forEach(exception::addSuppressed);
        return exception;
    }

    private String abort(List<Throwable> suppressed) {
        running.forEach(PartUpload::interrupt);
        boolean interrupted = Thread.interrupted(); // the SDK refuses to work on an interrupted thread
        try {
            boolean idle = slots.awaitIdleQuietly(ABORT_WAIT_NANOS);
            interrupted |= Thread.interrupted();
            if (uploadId == null) {
                return "";
            }
            String id = uploadId;
            try {
                client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(location.bucket())
                        .key(objectKey).uploadId(id).build());
            } catch (NoSuchUploadException e) {
                // already gone
            } catch (SdkException e) {
                suppressed.add(e);
                LOG.warn("could not abort multipart upload {} of '{}' in {}: {}; sweepIncompleteUploads or the"
                        + " bucket's AbortIncompleteMultipartUpload lifecycle rule will remove it", id, key,
                        location.describe(), S3Failures.summary(e));
                return "; its multipart upload " + id + " could not be aborted (" + S3Failures.summary(e)
                        + ") and, while it is invisible, S3 bills its parts until sweepIncompleteUploads or the"
                        + " bucket's AbortIncompleteMultipartUpload lifecycle rule removes it";
            }
            uploadId = null;
            return idle ? "; its multipart upload was aborted" : "; its multipart upload was aborted, though"
                    + " some part uploads had not stopped yet: sweepIncompleteUploads removes what they leave";
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The writer's stream knows of a part that failed to upload; it carries that failure. */
    private static final class PartUploadFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        PartUploadFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
