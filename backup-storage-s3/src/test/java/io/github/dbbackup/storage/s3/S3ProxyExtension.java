package io.github.dbbackup.storage.s3;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link S3ProxyServer} parameters (constructors, lifecycle and test methods) with one
 * server per JVM, started on first use and stopped when the test run ends.
 */
final class S3ProxyExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(S3ProxyExtension.class))
                .getOrComputeIfAbsent(S3ProxyServer.class, k -> {
                    try {
                        return S3ProxyServer.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("S3Proxy failed to start in-process: " + e, e);
                    }
                }, S3ProxyServer.class);
    }
}
