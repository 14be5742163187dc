package io.querylens.driver.detect.unindexed;

import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.sink.RecordingLog;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.QueryShape;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Unindexed predicates", safety: when analysis fails (here a lock timeout: the table is held in ACCESS
 * EXCLUSIVE mode by another session), the failure is logged once per shape, however often the shape is analysed
 * again (after each schema change), and the analysis thread carries on.
 */
class AnalysisFailureLoggedOncePerShapeTest {
    private static final String DATA_SOURCE = "jdbc:postgresql://localhost/unindexed_failures";

    @Test
    void failedAnalysisIsLoggedOncePerShapeAcrossReanalyses() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("unindexed_failures");
        try (Connection raw = database.open()) {
            execute(raw, "create table ledger (id bigint primary key, account text not null)");
            execute(raw, "insert into ledger select g, 'acct-' || g from generate_series(1, 20000) g");
            execute(raw, "analyze ledger");
        }
        RecordingLog log = new RecordingLog();
        Faults faults = new Faults(log);
        ShapeAnalyzer analyzer = new ShapeAnalyzer(new AnalysisConnectionPool(null, null, 300), new ExplainBudget(1000),
                finding -> { }, new ShapeRegistry(100), 0, 300);
        UnindexedPredicateDetector detector = new UnindexedPredicateDetector(analyzer, faults, 10);
        ConnectionContext context = new ConnectionContext(DATA_SOURCE, Dialect.POSTGRESQL, 1, database::open);
        QueryShape byAccount = Fingerprinter.fingerprint("select * from ledger where account = ?", Dialect.POSTGRESQL);
        QueryShape idsByAccount = Fingerprinter.fingerprint("select id from ledger where account = ?",
                Dialect.POSTGRESQL);
        try (Connection holder = database.open()) {
            holder.setAutoCommit(false);
            execute(holder, "lock table ledger in access exclusive mode");

            detector.onNewShape(byAccount, byAccount.text(), context);
            detector.onNewShape(idsByAccount, idsByAccount.text(), context);
            assertThat(detector.awaitIdle(Duration.ofSeconds(60))).isTrue();
            for (int schemaChange = 0; schemaChange < 2; schemaChange++) {
                Execution ddl = new Execution();
                ddl.fill(Fingerprinter.fingerprint("create index other_idx on other (x)", Dialect.POSTGRESQL), null,
                        context, 0, 0, 0, 0, null);
                detector.onExecution(ddl);
                assertThat(detector.awaitIdle(Duration.ofSeconds(60))).isTrue();
            }
            holder.rollback();
        } finally {
            detector.close();
        }
        assertThat(detector.outcome(byAccount.hexId())).isEqualTo(AnalysisOutcome.FAILED);
        assertThat(detector.outcome(idsByAccount.hexId())).isEqualTo(AnalysisOutcome.FAILED);
        assertThat(log.warningsAndErrors()).hasSize(2)
                .anySatisfy(w -> assertThat(w).contains(byAccount.hexId()).contains("logged once per shape"))
                .anySatisfy(w -> assertThat(w).contains(idsByAccount.hexId()));
    }

}
