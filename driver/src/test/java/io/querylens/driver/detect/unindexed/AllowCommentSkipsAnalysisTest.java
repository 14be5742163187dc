package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /* querylens:allow unindexed_predicate *}{@code /} excuses the statement that carries it: counted, not
 * analysed, not reported; the same shape without the comment is still analysed and reported afterwards.
 */
class AllowCommentSkipsAnalysisTest {
    private static final String LOOKUP = "select id from ledger_allow where account = ?";

    @Test
    void commentedStatementIsCountedNotReportedAndThePlainOneStillIs() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("unindexed_allow_comment");
        try (Connection raw = database.open()) {
            execute(raw, "create table ledger_allow (id bigint primary key, account text not null)");
            execute(raw, "insert into ledger_allow select g, 'acct-' || g from generate_series(1, 20000) g");
            execute(raw, "analyze ledger_allow");
        }
        AnalysisFixture fixture = new AnalysisFixture(Dialect.POSTGRESQL, 2000);

        try (Connection app = connect(database)) {
            run(app, "/* querylens:allow unindexed_predicate */ " + LOOKUP, "acct-7");
            fixture.awaitAnalysis();
            assertThat(fixture.findingsFor(LOOKUP)).isEmpty();
            assertThat(fixture.outcome(LOOKUP)).isNull();
            assertThat(fixture.detector().suppressedShapes()).isEqualTo(1);

            run(app, LOOKUP, "acct-8");
            fixture.awaitAnalysis();
        }
        assertThat(fixture.onlyFindingFor(LOOKUP).columns()).containsExactly("account");
        assertThat(fixture.detector().suppressedShapes()).isEqualTo(1);
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }
}
