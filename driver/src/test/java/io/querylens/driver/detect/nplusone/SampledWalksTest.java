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

    private static final QueryShape ORDERS =
            new QueryShape(20, "select customer from orders where day = ?", StatementKind.SELECT, null);
    private static final QueryShape LOOKUP =
            new QueryShape(21, "select name from users where id = ?", StatementKind.SELECT, null);

    /**
     * Runs the "1" of the N+1 and then {@code executions} lookups from one call site, {@code spacingNanos} apart by the
     * executions' own clock; returns the detector's stack walks after execution {@code checkpoint} and at the end.
     */
    private static long[] runLoop(NPlusOneDetector detector, int executions, long spacingNanos, int checkpoint) {
        return runLoop(detector, System.nanoTime(), executions, spacingNanos, checkpoint);
    }

    /** {@link #runLoop}, its first lookup at {@code start} by the executions' clock. */
    private static long[] runLoop(NPlusOneDetector detector, long start, int executions, long spacingNanos,
                                  int checkpoint) {
        ConnectionContext connection = new ConnectionContext("jdbc:postgresql://localhost/shop", Dialect.POSTGRESQL,
                1, null);
        Execution execution = new Execution();
        execution.fill(ORDERS, null, connection, start - spacingNanos, 1, 1, 0, null);
        detector.onExecution(execution);
        long walksAtCheckpoint = 0;
        for (int i = 0; i < executions; i++) {
            execution.fill(LOOKUP, null, connection, start + i * spacingNanos, 1, i + 1, 0, null);
            detector.onExecution(execution);
            if (i == checkpoint) {
                walksAtCheckpoint = detector.stackWalks();
            }
        }
        return new long[] {walksAtCheckpoint, detector.stackWalks()};
    }

    @Test
    void aHotSteadyLoopWalksAboutOnceAMillisecondAndCountsEveryExecution() {
        NPlusOneDetector detector = Lens.fresh();
        long walks = runLoop(detector, EXECUTIONS, SPACING_NANOS, EXECUTIONS - 1)[1];
        detector.flush();

        long spannedMillis = TimeUnit.NANOSECONDS.toMillis(EXECUTIONS * SPACING_NANOS);
        // The crossing, the steady walks in a row, then one a millisecond at most; by count alone (one in 8 up to one
        // in 1,024) it would be over 120.
        assertThat(walks).isLessThanOrEqualTo(1 + NPlusOneDetector.STEADY_CALL_SITE_WALKS + 1 + spannedMillis + 1);
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).singleElement()
                .satisfies(finding -> assertThat(finding.count()).isEqualTo(EXECUTIONS));
    }

    @Test
    void atTheLongestIntervalAThreadsNextSampledWalkWaitsAThousandTimesTheLastWalksCostAtMostASecond() {
        ThreadCursor cursor = new ThreadCursor();
        long walkedAt = System.nanoTime();
        long cost = TimeUnit.MICROSECONDS.toNanos(200); // a walk between statements on a real database
        cursor.sampledWalkMade(walkedAt, cost);

        long oneMillisecond = NPlusOneDetector.MIN_SAMPLED_WALK_GAP_NANOS;
        long budget = cost * NPlusOneDetector.WALK_BUDGET_COST_MULTIPLE; // 200 ms
        assertThat(cursor.sampledWalkDue(walkedAt + oneMillisecond - 1, false)).isFalse();
        assertThat(cursor.sampledWalkDue(walkedAt + oneMillisecond, false)).isTrue();
        assertThat(cursor.sampledWalkDue(walkedAt + oneMillisecond, true)).isFalse();
        assertThat(cursor.sampledWalkDue(walkedAt + budget - 1, true)).isFalse();
        assertThat(cursor.sampledWalkDue(walkedAt + budget, true)).isTrue();

        // A walk during which the thread waited for a processor: its cost says little, and the wait stays bounded.
        cursor.sampledWalkMade(walkedAt, TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(cursor.sampledWalkDue(walkedAt + NPlusOneDetector.MAX_BUDGETED_WALK_GAP_NANOS - 1, true)).isFalse();
        assertThat(cursor.sampledWalkDue(walkedAt + NPlusOneDetector.MAX_BUDGETED_WALK_GAP_NANOS, true)).isTrue();
    }

    @Test
    void aSteadyLoopAtTheLongestIntervalSpendsAtMostAThousandthOfItsTimeWalking() {
        NPlusOneDetector detector = Lens.fresh();
        int executions = 300_000; // 300 ms by the executions' clock
        long[] walks = runLoop(detector, executions, TimeUnit.MICROSECONDS.toNanos(1), 30_000);
        long walksBeforeLongestInterval = walks[0];
        long walksAtLongestInterval = walks[1] - walks[0];
        detector.flush();

        // The crossing, 16 walks in a row and four at each interval from 8 to 512, a millisecond (1,000 executions)
        // apart at least, come first: 45 walks in ~28 ms. By count and the millisecond alone the 270 ms after the
        // 30,000th execution would walk once per 1,024 executions (~210, up to the cap of 256 a window); each walk
        // passes every frame of the test runner (every one skipped), at least 5 µs, so a thousand times that apart
        // leaves at most one walk per 5 ms.
        assertThat(walksBeforeLongestInterval).isBetween(40L, 48L);
        assertThat(walksAtLongestInterval).isLessThanOrEqualTo(60);
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).singleElement()
                .satisfies(finding -> assertThat(finding.count()).isEqualTo(executions));
    }

    @Test
    void aLoopResumedInTheThreadsNextWindowWalksWithinTheThreadsBudgetAndCountsEveryExecution() {
        NPlusOneDetector detector = Lens.fresh();
        long start = System.nanoTime();
        int firstWindow = 40_000; // 40 ms by the executions' clock: the loop reaches one walk in 1,024
        runLoop(detector, start, firstWindow, TimeUnit.MICROSECONDS.toNanos(1), 0);
        detector.flush(); // ends the thread's window, as its transaction's end or an idle gap would

        int secondWindow = 20_000; // 20 ms, starting 200 ms later
        long before = detector.stackWalks();
        runLoop(detector, start + TimeUnit.MILLISECONDS.toNanos(240), secondWindow, TimeUnit.MICROSECONDS.toNanos(1),
                0);
        long walksInSecondWindow = detector.stackWalks() - before;
        detector.flush();

        // The crossing, then sampled walks a thousand times the thread's last walk's cost apart: each walk passes every
        // frame of the test runner, at least 5 µs, so at most 5 in 20 ms (11 even if a walk took only 2 µs). Ramping
        // one in 64, 128, 256 and 512 again, a millisecond apart at least, would be 16 walks in the first 16 ms.
        assertThat(walksInSecondWindow).isBetween(1L, 12L);
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).extracting(finding -> finding.count())
                .containsExactly((long) firstWindow, (long) secondWindow);
    }
}
