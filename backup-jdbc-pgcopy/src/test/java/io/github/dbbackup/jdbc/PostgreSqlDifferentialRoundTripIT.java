package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.differential.DifferentialRoundTrip;
import io.github.dbbackup.jdbc.differential.PostgreSqlDifferential;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #12, "make the class impossible", on PostgreSQL: the randomized differential round trip
 * through COPY (this module is on the class path), multi-row INSERT and UPSERT. See
 * {@link DifferentialRoundTrip} for the seeds and how to run more of them.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlDifferentialRoundTripIT {

    private static final DifferentialRoundTrip SUITE = new DifferentialRoundTrip(new PostgreSqlDifferential());

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
