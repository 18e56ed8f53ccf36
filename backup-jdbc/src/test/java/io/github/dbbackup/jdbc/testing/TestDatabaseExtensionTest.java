package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/** The extension's life cycle on H2; {@code WithDatabaseLifecycleIT} repeats it on the servers. */
@TestInstance(Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class TestDatabaseExtensionTest {

    private final ClassLifecycleRecorder h2 = new ClassLifecycleRecorder();

    @Nested
    @Order(1)
    @WithDatabase(DatabaseKind.H2)
    class FirstH2Class {
        @Test
        void getsAFreshDatabaseThatLivesWhileTheClassRuns(TestDatabase db) {
            h2.recordFirst(db);
        }

        @Test
        void getsTheSameDatabaseInEveryTest(TestDatabase db) {
            h2.recordFirst(db);
        }
    }

    @Nested
    @Order(2)
    @WithDatabase(DatabaseKind.H2)
    class SecondH2Class {
        @Test
        void getsAnotherDatabaseAfterTheFirstClassDatabasesWereDropped(TestDatabase db) {
            h2.checkSecond(db);
        }
    }

    @Nested
    @Order(3)
    @WithDatabase(DatabaseKind.H2)
    @TestInstance(Lifecycle.PER_CLASS) // the instance is constructed before beforeAll callbacks run
    class ParameterResolutionPerClass {
        private final TestDatabase fromConstructor;
        private TestDatabase fromBeforeAll;
        private TestDatabase fromBeforeEach;

        ParameterResolutionPerClass(TestDatabase db) {
            this.fromConstructor = db;
        }

        @BeforeAll
        void beforeAll(TestDatabase db) {
            fromBeforeAll = db;
        }

        @BeforeEach
        void beforeEach(TestDatabase db) {
            fromBeforeEach = db;
        }

        @Test
        void resolvesOneDatabaseEverywhereInTheClass(TestDatabase db) {
            assertThat(db).isNotNull()
                    .isSameAs(fromConstructor)
                    .isSameAs(fromBeforeAll)
                    .isSameAs(fromBeforeEach);
            assertThat(db.isClosed()).isFalse();
        }
    }
}
