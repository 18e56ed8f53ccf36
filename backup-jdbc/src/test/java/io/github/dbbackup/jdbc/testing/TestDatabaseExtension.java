package io.github.dbbackup.jdbc.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives each test class annotated with {@link WithDatabase} a fresh, empty database, resolves
 * {@link TestDatabase} parameters, and drops the database (and its siblings) after the class.
 * Registered by {@code @WithDatabase}; there is no need to name it.
 *
 * <p>Where the databases live:
 * <ul>
 *   <li>PostgreSQL: on the server of the admin URL in the environment variable
 *       {@value #POSTGRES_URL_ENV} (default {@value #DEFAULT_POSTGRES_URL});</li>
 *   <li>MariaDB: on the server of {@value #MARIADB_URL_ENV} (default {@value #DEFAULT_MARIADB_URL});</li>
 *   <li>H2: in memory, in this JVM.</li>
 * </ul>
 * The URL's user must be allowed to {@code CREATE DATABASE}. When the server does not answer
 * (5-second connect timeout) and a Docker engine is available, a container of the pinned image in
 * {@link TestImages} is started once per JVM instead. Otherwise, if the environment variable
 * {@code CI} is {@code true}, the test class fails with a message naming the URL, the variable to
 * set and the command that starts the server; elsewhere the test class is skipped (aborted) with
 * the same message. Each server is looked up once per JVM.
 *
 * @since 0.1
 */
public final class TestDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** Environment variable with the admin JDBC URL of the PostgreSQL server. */
    public static final String POSTGRES_URL_ENV = "DBBACKUP_TEST_POSTGRES_URL";

    /** Environment variable with the admin JDBC URL of the MariaDB server. */
    public static final String MARIADB_URL_ENV = "DBBACKUP_TEST_MARIADB_URL";

    /** The PostgreSQL admin URL used when {@value #POSTGRES_URL_ENV} is not set. */
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /** The MariaDB admin URL used when {@value #MARIADB_URL_ENV} is not set. */
    public static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private static final Namespace NAMESPACE = Namespace.create(TestDatabaseExtension.class);

    /** Creates the extension; JUnit does, through {@link WithDatabase}. */
    public TestDatabaseExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase owned = context.getStore(NAMESPACE).remove(key(context.getRequiredTestClass()), TestDatabase.class);
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return database(extensionContext);
    }

    /**
     * Returns the database of the class that owns it — the nearest class, walking out from
     * {@code context}, that carries {@code @WithDatabase} itself or through a superclass — creating
     * it on first use (a PER_CLASS test instance is constructed before {@code beforeAll}).
     */
    private static TestDatabase database(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            if (candidate.getTestMethod().isPresent() || candidate.getTestClass().isEmpty()) {
                continue;
            }
            Class<?> testClass = candidate.getRequiredTestClass();
            Optional<WithDatabase> annotation = AnnotationSupport.findAnnotation(testClass, WithDatabase.class);
            if (annotation.isPresent()) {
                DatabaseKind kind = annotation.get().value();
                return candidate.getStore(NAMESPACE).getOrComputeIfAbsent(key(testClass),
                        k -> server(candidate, kind).createDatabase(), TestDatabase.class);
            }
        }
        throw new ExtensionConfigurationException("TestDatabaseExtension found no @WithDatabase on "
                + context.getTestClass().map(Class::getName).orElse(context.getDisplayName())
                + " or its superclasses or enclosing classes; annotate the test class with "
                + "@WithDatabase(DatabaseKind.H2) (or POSTGRESQL, MARIADB) instead of registering the extension directly");
    }

    private static DatabaseServer server(ExtensionContext context, DatabaseKind kind) {
        DatabaseServers.Lookup lookup = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "server:" + kind, k -> DatabaseServers.lookup(kind, System::getenv), DatabaseServers.Lookup.class);
        return lookup.require(System::getenv);
    }

    private static String key(Class<?> testClass) {
        return "database:" + testClass.getName();
    }
}
