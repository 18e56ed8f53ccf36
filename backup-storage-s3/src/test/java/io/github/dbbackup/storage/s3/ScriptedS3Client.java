package io.github.dbbackup.storage.s3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A hand-written S3 client for unit tests: each operation a test needs answers through a function
 * the test sets (which may throw, to inject a failure), and every request is recorded. Operations
 * no test scripted throw {@link UnsupportedOperationException}, as the SDK's interface does.
 */
final class ScriptedS3Client implements S3Client {

    Function<DeleteObjectsRequest, DeleteObjectsResponse> deleteObjects = r -> DeleteObjectsResponse.builder().build();
    Function<ListMultipartUploadsRequest, ListMultipartUploadsResponse> listMultipartUploads =
            r -> ListMultipartUploadsResponse.builder().isTruncated(false).build();
    Function<AbortMultipartUploadRequest, AbortMultipartUploadResponse> abortMultipartUpload =
            r -> AbortMultipartUploadResponse.builder().build();
    Function<PutObjectRequest, PutObjectResponse> putObject = r -> PutObjectResponse.builder().build();
    Function<DeleteObjectRequest, DeleteObjectResponse> deleteObject = r -> DeleteObjectResponse.builder().build();

    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

    /** The requests of one type, in the order they were made. */
    <T extends SdkRequest> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        requests.add(request);
        return deleteObjects.apply(request);
    }

    @Override
    public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
        requests.add(request);
        return listMultipartUploads.apply(request);
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        requests.add(request);
        return abortMultipartUpload.apply(request);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        requests.add(request);
        return putObject.apply(request);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        requests.add(request);
        return deleteObject.apply(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
