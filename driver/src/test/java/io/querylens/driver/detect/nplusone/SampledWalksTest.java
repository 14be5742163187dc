package io.querylens.driver.detect.nplusone;

import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loop of fast statements from one call site: past the steady walks, sampled stack walks are limited by time as well
 * as by count, so a hot loop cannot spend its thread's time walking. Executions carry their own clock readings here
 * (as the engine hands them over), 100 ns apart: 100,000 of them span 10 ms.
 */
class SampledWalksTest {
    private static final long SPACING_NANOS = 100;
    private static final int EXECUTIONS = 100_000;

    @Test
    void aHotSteadyLoopWalksAboutOnceAMillisecondAndCountsEveryExecution() {
        NPlusOneDetector detector = Lens.fresh();
        ConnectionContext connection = new ConnectionContext("jdbc:postgresql://localhost/shop", Dialect.POSTGRESQL,
                1, null);
        QueryShape orders = new QueryShape(20, "select customer from orders where day = ?", StatementKind.SELECT, null);
        QueryShape lookup = new QueryShape(21, "select name from users where id = ?", StatementKind.SELECT, null);
        Execution execution = new Execution();
        long start = System.nanoTime();
        execution.fill(orders, null, connection, start - SPACING_NANOS, 1, 1, 0, null); // the "1" of the N+1
        detector.onExecution(execution);

        for (int i = 0; i < EXECUTIONS; i++) {
            execution.fill(lookup, null, connection, start + i * SPACING_NANOS, 1, i + 1, 0, null);
            detector.onExecution(execution);
        }
        long walks = detector.stackWalks();
        detector.flush();

        long spannedMillis = TimeUnit.NANOSECONDS.toMillis(EXECUTIONS * SPACING_NANOS);
        // The crossing, the steady walks in a row, then one a millisecond at most; by count alone (one in 8 up to one
        // in 1,024) it would be over 120.
        assertThat(walks).isLessThanOrEqualTo(1 + NPlusOneDetector.STEADY_CALL_SITE_WALKS + 1 + spannedMillis + 1);
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).singleElement()
                .satisfies(finding -> assertThat(finding.count()).isEqualTo(EXECUTIONS));
    }
}
