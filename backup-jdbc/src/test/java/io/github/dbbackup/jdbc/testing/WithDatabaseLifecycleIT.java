package io.github.dbbackup.jdbc.testing;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * The extension's life cycle on the PostgreSQL and MariaDB servers (on H2: {@code TestDatabaseExtensionTest}).
 * Not named {@code TestDatabaseExtensionIT}: surefire's default includes take every class whose
 * name starts with {@code Test}, so it would run in the unit-test phase too.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class WithDatabaseLifecycleIT {

    private final ClassLifecycleRecorder postgres = new ClassLifecycleRecorder();
    private final ClassLifecycleRecorder mariaDb = new ClassLifecycleRecorder();

    @Nested
    @Order(1)
    @WithDatabase(DatabaseKind.POSTGRESQL)
    class FirstPostgreSqlClass {
        @Test
        void getsAFreshDatabaseThatLivesWhileTheClassRuns(TestDatabase db) {
            postgres.recordFirst(db);
        }
    }

    @Nested
    @Order(2)
    @WithDatabase(DatabaseKind.POSTGRESQL)
    class SecondPostgreSqlClass {
        @Test
        void getsAnotherDatabaseAfterTheFirstClassDatabasesWereDropped(TestDatabase db) {
            postgres.checkSecond(db);
        }
    }

    @Nested
    @Order(3)
    @WithDatabase(DatabaseKind.MARIADB)
    class FirstMariaDbClass {
        @Test
        void getsAFreshDatabaseThatLivesWhileTheClassRuns(TestDatabase db) {
            mariaDb.recordFirst(db);
        }
    }

    @Nested
    @Order(4)
    @WithDatabase(DatabaseKind.MARIADB)
    class SecondMariaDbClass {
        @Test
        void getsAnotherDatabaseAfterTheFirstClassDatabasesWereDropped(TestDatabase db) {
            mariaDb.checkSecond(db);
        }
    }
}
