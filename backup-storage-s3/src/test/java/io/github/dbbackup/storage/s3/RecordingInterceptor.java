package io.github.dbbackup.storage.s3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Records every HTTP request a client sends (each retry too), with its operation name. */
final class RecordingInterceptor implements ExecutionInterceptor {

    /** One request as sent. */
    record Call(String operation, SdkRequest request, SdkHttpRequest http) {

        /** The first value of a header, {@code null} when absent. */
        String header(String name) {
            return http.firstMatchingHeader(name).orElse(null);
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request(),
                context.httpRequest()));
    }

    List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    void clear() {
        calls.clear();
    }
}
