package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Checks what happens between two test classes: the first records its database and a sibling, the
 * second (run later, see {@code @TestClassOrder}) checks it got another database and that both of
 * the first class's databases were dropped when that class ended.
 */
final class ClassLifecycleRecorder {

    private TestDatabase first;
    private TestDatabase firstSibling;

    /** Called from the first class. */
    void recordFirst(TestDatabase db) {
        if (first == null) {
            first = db;
            firstSibling = db.createSibling();
        }
        assertThat(first).as("every test of a class gets the same database").isSameAs(db);
        assertThat(DatabaseProbe.exists(db, db.name())).isTrue();
        assertThat(DatabaseProbe.exists(db, firstSibling.name())).isTrue();
    }

    /** Called from the second class. */
    void checkSecond(TestDatabase db) {
        assumeThat(first).as("the first class ran before").isNotNull();
        assertThat(db.kind()).isEqualTo(first.kind());
        assertThat(db).isNotSameAs(first);
        assertThat(db.name()).isNotEqualTo(first.name()).isNotEqualTo(firstSibling.name());
        assertThat(first.isClosed()).isTrue();
        assertThat(firstSibling.isClosed()).isTrue();
        assertThat(DatabaseProbe.exists(db, first.name())).as("first class's database dropped").isFalse();
        assertThat(DatabaseProbe.exists(db, firstSibling.name())).as("its sibling dropped").isFalse();
        assertThat(DatabaseProbe.exists(db, db.name())).isTrue();
    }
}
