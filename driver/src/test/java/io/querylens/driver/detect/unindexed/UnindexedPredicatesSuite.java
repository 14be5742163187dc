package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unindexed-predicate proof both servers share: the same tables ({@code users} with an index on {@code email},
 * {@code events} with one on {@code (account_id, kind_id)}, a 100-row {@code small_things}, {@code customers} and
 * {@code orders}), a fresh engine per test, and the cases whose answer does not depend on the server.
 */
abstract class UnindexedPredicatesSuite extends RealDatabaseSuite {
    AnalysisFixture fixture;

    UnindexedPredicatesSuite(Dialect dialect) {
        super(dialect);
    }

    @BeforeEach
    void startEngine() {
        fixture = freshEngine();
    }

    @Test
    void primaryKeySingleColumnIndexAndLeadingCompositeColumnAreClean() throws Exception {
        String byKey = "select * from users where id = ?";
        String byIndexedColumn = "select * from users where email = ?";
        String byLeadingColumn = "select * from events where account_id = ?";
        try (Connection app = connect()) {
            run(app, byKey, 7L);
            run(app, byIndexedColumn, "user7@example.com");
            run(app, byLeadingColumn, 7);
            fixture.awaitAnalysis();
        }
        for (String sql : new String[] {byKey, byIndexedColumn, byLeadingColumn}) {
            assertThat(fixture.outcome(sql)).as(sql).isEqualTo(AnalysisOutcome.CLEAN);
            assertThat(fixture.findingsFor(sql)).as(sql).isEmpty();
        }
    }

    @Test
    void smallTableIsNotFlagged() throws Exception {
        String sql = "select * from small_things where code = ?";
        analyse(fixture, sql, "c7");
        assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
        assertThat(fixture.findingsFor(sql)).isEmpty();
    }
}
