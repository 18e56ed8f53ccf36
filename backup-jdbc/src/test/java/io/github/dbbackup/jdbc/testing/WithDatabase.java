package io.github.dbbackup.jdbc.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a fresh, empty database of the given kind, dropped after the
 * class, and injects it as a {@link TestDatabase} parameter (constructor, {@code @BeforeAll},
 * {@code @BeforeEach}, {@code @Test}, {@code @AfterEach}, {@code @AfterAll}).
 *
 * <pre>{@code
 * abstract class RoundTripIT {
 *     @Test
 *     void restoresEveryRow(TestDatabase source) { ... source.createSibling() ... }
 * }
 *
 * @WithDatabase(DatabaseKind.POSTGRESQL)
 * class PostgreSqlRoundTripIT extends RoundTripIT {}
 * }</pre>
 *
 * <p>The annotation is {@link Inherited}: it may sit on an abstract base class or, as above, on each
 * concrete subclass. A {@code @Nested} class shares the database of its enclosing class unless it
 * carries its own {@code @WithDatabase}. When the database server is unreachable, see
 * {@link TestDatabaseExtension} for what happens.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestDatabaseExtension.class)
public @interface WithDatabase {

    /**
     * Returns the kind of database the class gets.
     *
     * @return the kind
     */
    DatabaseKind value();
}
