package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.QueryShape;

/**
 * One thread's view for one detector: the SELECT shapes it ran last (to name the "1" of an N+1), its own reusable
 * window (transaction or idle window), and the trace window it used last (so a request's statements skip the
 * trace-slot probe). Thread-confined.
 */
final class ThreadCursor {
    private QueryShape lastSelect;
    private QueryShape beforeLastSelect;
    CountingWindow ownWindow;
    String cachedTraceId;
    int cachedTraceSlot = -1;

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
}
