package io.querylens.driver.detect.unindexed;

import io.querylens.QueryLens;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.sql.Dialect;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one analysis thread meets statements built to stall a parser, then an ordinary unindexed query: the ordinary
 * one must still get its finding within the wait. Before {@link ParseBudget}, the 6,000-deep statement alone would have kept
 * JSqlParser busy for about two minutes (2,000 deep took 18 s, 8,000 over 4 minutes).
 */
class AnalysisSurvivesHostileStatementsTest {
    private static final String SCHEMA = "hostile_analysis";
    private static TestDatabase database;

    @BeforeAll
    static void table() throws SQLException {
        database = TestDatabases.postgres().freshSchema(SCHEMA);
        try (Connection raw = database.open()) {
            execute(raw, "create table parcels (id bigint primary key, tracking text not null, status text not null)");
            execute(raw, "insert into parcels select g, 't' || g, 's' || (g % 9) from generate_series(1, 30000) g");
            execute(raw, "analyze parcels");
        }
    }

    @AfterAll
    static void defaultEngine() {
        QueryLens.configure(QueryLensConfig.defaults());
    }

    @Test
    void deeplyNestedAndMegabyteStatementsDoNotStallTheAnalysisOfTheNextShape() throws Exception {
        AnalysisFixture fixture = new AnalysisFixture(Dialect.POSTGRESQL, 2000);
        String deep = "select id from parcels where " + "(".repeat(6_000) + "status = 's1'" + ")".repeat(6_000);
        StringBuilder huge = new StringBuilder("select id from parcels where status = 's2' and (tracking = 't0'");
        for (int i = 1; huge.length() < 1 << 20; i++) {
            huge.append(" or tracking = 't").append(i).append('\'');
        }
        String megabyte = huge.append(')').toString();
        String ordinary = "select id, status from parcels where tracking = ?";
        try (Connection app = DriverManager.getConnection(database.querylensUrl(), database.user(),
                database.password())) {
            execute(app, "set max_stack_depth = '7MB'");
            execute(app, deep);
            execute(app, megabyte);
            AnalysisFixture.run(app, ordinary, "t42");
            fixture.awaitAnalysis();
        }
        assertThat(fixture.outcome(deep)).isEqualTo(AnalysisOutcome.SKIPPED);
        assertThat(fixture.outcome(megabyte)).isEqualTo(AnalysisOutcome.SKIPPED);
        assertThat(fixture.onlyFindingFor(ordinary).columns()).containsExactly("tracking");
    }
}
