package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.QueryShape;

/**
 * One thread's view for one detector: the SELECT shapes it ran last (to name the "1" of an N+1), its own reusable
 * window (transaction or idle window), the trace window it used last (so a request's statements skip the
 * trace-slot probe), and the loops it last ran steadily from one call site (so its next window resumes sampling their
 * stack walks instead of walking each execution again). Thread-confined.
 */
final class ThreadCursor {
    /** Steady loops remembered per thread: a request's N+1 loops are a few shapes, not dozens. */
    private static final int STEADY_LOOPS = 4;

    private QueryShape lastSelect;
    private QueryShape beforeLastSelect;
    CountingWindow ownWindow;
    String cachedTraceId;
    int cachedTraceSlot = -1;
    private final long[] steadyShapeIds = new long[STEADY_LOOPS];
    private final String[] steadySites = new String[STEADY_LOOPS];
    private final int[] steadyStreaks = new int[STEADY_LOOPS];
    private int nextSteadySlot;
    /** When this thread last walked a steady loop's stack (see {@link NPlusOneDetector#MIN_SAMPLED_WALK_GAP_NANOS}). */
    private long lastSampledWalkNanos = System.nanoTime() - NPlusOneDetector.MIN_SAMPLED_WALK_GAP_NANOS;
    /** How far a budgeted sampled walk (longest interval, or a resumed loop) waits after the last one: from its cost. */
    private long budgetedWalkGapNanos;

    /**
     * The statement this execution follows: the previous SELECT shape if it differs, otherwise (a run of the same
     * shape) the one before the run. Null when the thread has run nothing else yet.
     */
    QueryShape parentFor(QueryShape shape) {
        if (lastSelect == null) {
            lastSelect = shape;
            return null;
        }
        if (lastSelect.id() == shape.id()) {
            return beforeLastSelect;
        }
        beforeLastSelect = lastSelect;
        lastSelect = shape;
        return beforeLastSelect;
    }

    /** Remembers that {@code streak} walks in a row found shape {@code shapeId} at {@code site}. */
    void rememberSteady(long shapeId, String site, int streak) {
        int slot = -1;
        for (int i = 0; i < STEADY_LOOPS; i++) {
            if (steadySites[i] != null && steadyShapeIds[i] == shapeId) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = nextSteadySlot;
            nextSteadySlot = (slot + 1) % STEADY_LOOPS;
            steadyShapeIds[slot] = shapeId;
        }
        steadySites[slot] = site;
        steadyStreaks[slot] = streak;
    }

    /**
     * True when a sampled walk of a steady loop may happen at {@code nowNanos}: the last one is far enough back, and
     * for a loop within the thread's walking budget ({@code budgeted}: at the longest interval, or resumed from an
     * earlier window) a thousand times its cost back, at most a second (see
     * {@link NPlusOneDetector#WALK_BUDGET_COST_MULTIPLE}).
     */
    boolean sampledWalkDue(long nowNanos, boolean budgeted) {
        long since = nowNanos - lastSampledWalkNanos;
        return since >= NPlusOneDetector.MIN_SAMPLED_WALK_GAP_NANOS && (!budgeted || since >= budgetedWalkGapNanos);
    }

    /**
     * A sampled walk started at {@code nowNanos} (the execution's clock) and took {@code costNanos} by the clock, its
     * stack walk and the count after it together.
     */
    void sampledWalkMade(long nowNanos, long costNanos) {
        lastSampledWalkNanos = nowNanos;
        budgetedWalkGapNanos = Math.min(NPlusOneDetector.MAX_BUDGETED_WALK_GAP_NANOS,
                costNanos * NPlusOneDetector.WALK_BUDGET_COST_MULTIPLE);
    }

    /** The streak remembered for shape {@code shapeId} at {@code site}, or -1 when it last ran elsewhere or never. */
    int steadyStreak(long shapeId, String site) {
        for (int i = 0; i < STEADY_LOOPS; i++) {
            if (steadySites[i] != null && steadyShapeIds[i] == shapeId) {
                return site.equals(steadySites[i]) ? steadyStreaks[i] : -1;
            }
        }
        return -1;
    }
}
