package io.querylens.driver.detect.unindexed;

import java.util.concurrent.TimeUnit;

/**
 * At most {@code maxPerMinute} EXPLAINs in any fixed one-minute window ({@code querylens.explain.maxPerMinute}). When
 * the window is spent, {@link #acquire} blocks the analysis thread until the next one: the queue behind it is
 * bounded, so waiting cannot grow memory, and an application that starts with thousands of shapes does not get
 * thousands of plans in its first seconds. Analysis thread only.
 */
final class ExplainBudget {
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int maxPerMinute;
    private long windowStartNanos = System.nanoTime();
    private int usedInWindow;

    ExplainBudget(int maxPerMinute) {
        this.maxPerMinute = maxPerMinute;
    }

    void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (now - windowStartNanos >= WINDOW_NANOS) {
            windowStartNanos = now;
            usedInWindow = 0;
        }
        if (usedInWindow >= maxPerMinute) {
            TimeUnit.NANOSECONDS.sleep(windowStartNanos + WINDOW_NANOS - now);
            windowStartNanos = System.nanoTime();
            usedInWindow = 0;
        }
        usedInWindow++;
    }
}
