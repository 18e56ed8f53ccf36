package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.differential.DifferentialRoundTrip;
import io.github.dbbackup.jdbc.differential.H2Differential;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #12, "make the class impossible", on H2: the randomized differential round trip through
 * multi-row INSERT and UPSERT. See {@link DifferentialRoundTrip} for the seeds and how to run more.
 */
@WithDatabase(DatabaseKind.H2)
class H2DifferentialRoundTripTest {

    private static final DifferentialRoundTrip SUITE = new DifferentialRoundTrip(new H2Differential());

    static Stream<DifferentialRoundTrip.Case> cases() {
        return SUITE.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void issue12_everyValueComesBackAsTheDatabasePrintsItThroughEveryPath(DifferentialRoundTrip.Case c, TestDatabase db)
            throws Exception {
        SUITE.run(db, c);
    }
}
