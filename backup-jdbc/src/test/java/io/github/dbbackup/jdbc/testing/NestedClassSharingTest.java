package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithDatabase(DatabaseKind.H2)
class NestedClassSharingTest {

    private final TestDatabase outer;

    NestedClassSharingTest(TestDatabase outer) {
        this.outer = outer;
    }

    @Test
    void outerClassHasADatabase() {
        assertThat(outer.isClosed()).isFalse();
    }

    @Nested
    class WithoutItsOwnAnnotation {
        @Test
        void sharesTheDatabaseOfTheEnclosingClass(TestDatabase db) {
            assertThat(db).isSameAs(outer);
        }
    }

    @Nested
    @WithDatabase(DatabaseKind.H2)
    class WithItsOwnAnnotation {
        @Test
        void getsADatabaseOfItsOwn(TestDatabase db) {
            assertThat(db).isNotSameAs(outer);
            assertThat(db.name()).isNotEqualTo(outer.name());
        }
    }
}
