package io.querylens.driver.detect.unindexed;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most {@code maxPerMinute} EXPLAINs in any fixed one-minute window ({@code querylens.explain.maxPerMinute}). When
 * the window is spent, {@link #acquire} blocks the analysis thread until the next one: the queue behind it is
 * bounded, so waiting cannot grow memory, and an application that starts with thousands of shapes does not get
 * thousands of plans in its first seconds. Analysis thread only.
 */
final class ExplainBudget {
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** How the analysis thread waits; a test passes one that advances its clock instead of sleeping. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final int maxPerMinute;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long windowStartNanos;
    private int usedInWindow;

    ExplainBudget(int maxPerMinute) {
        this(maxPerMinute, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    ExplainBudget(int maxPerMinute, LongSupplier nanoClock, Sleeper sleeper) {
        this.maxPerMinute = maxPerMinute;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.windowStartNanos = nanoClock.getAsLong();
    }

    void acquire() throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (now - windowStartNanos >= WINDOW_NANOS) {
            windowStartNanos = now;
            usedInWindow = 0;
        }
        if (usedInWindow >= maxPerMinute) {
            sleeper.sleepNanos(windowStartNanos + WINDOW_NANOS - now);
            windowStartNanos = nanoClock.getAsLong();
            usedInWindow = 0;
        }
        usedInWindow++;
    }
}
