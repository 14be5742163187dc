package io.querylens.driver.recording;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where application threads leave each execution's latency for the shapes' histograms: a few {@link LatencyRing}s,
 * one picked per thread, emptied in batches into plain (single-writer) histograms by a {@link LatencyDrainer} thread,
 * under one lock.
 *
 * <p>Why not record into a concurrent histogram directly: every thread executing a hot shape then increments the
 * same bucket, total and phaser counters, and those cache lines bounce between cores (the contention benchmark
 * measured +668 ns per execution per core at 2 threads on one shape, against +135 ns at 1). A ring per stripe of
 * threads shares nothing between threads that run at once, and a write into it is one compare-and-set and three
 * stores, cheaper than the four atomic increments of the concurrent histogram even on one thread; the histogram
 * update itself (a few nanoseconds per value) moves to the drainer. It also lets a shape keep one plain histogram
 * instead of two atomic ones.
 *
 * <p>Readers ({@link #locked}) drain every ring first, so what they see includes every execution that completed
 * before they asked. A writer whose ring is full writes into another; only when every ring is full (the writers
 * outpaced the drainer, e.g. millions of statements a second with the drainer starved of a core) does it take the
 * lock, drain every ring and record its value itself, so nothing is ever dropped.
 */
public final class LatencyLog {
    /** Entries per ring: 32 KB of slots each, about 2 ms of one thread running statements flat out on a stub driver. */
    static final int RING_CAPACITY = 2048;
    private static final int NUDGE_EVERY = RING_CAPACITY / 4;

    private final LatencyRing[] rings;
    private final int ringMask;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile LatencyDrainer drainer;
    private boolean closed; // guarded by "this", with the drainer's start

    /** Four rings per processor (rounded up to a power of two, at most 64), so that threads seldom share one. */
    public LatencyLog() {
        this(Integer.highestOneBit(Math.min(Runtime.getRuntime().availableProcessors() * 4, 64) * 2 - 1));
    }

    LatencyLog(int ringCount) {
        if (Integer.bitCount(ringCount) != 1) {
            throw new IllegalArgumentException("ring count must be a power of two: " + ringCount);
        }
        rings = new LatencyRing[ringCount];
        for (int i = 0; i < ringCount; i++) {
            rings[i] = new LatencyRing(RING_CAPACITY);
        }
        ringMask = ringCount - 1;
    }

    /** Records one latency (already clamped into the histogram's range) for {@code shape}. Any thread. */
    void record(ShapeStats shape, long micros) {
        int index = ringIndex(Thread.currentThread().getId());
        long position = rings[index].offer(shape, micros);
        if (position == LatencyRing.FULL) {
            recordElsewhere(index, shape, micros);
        } else if ((position & (NUDGE_EVERY - 1)) == NUDGE_EVERY - 1) {
            LatencyDrainer current = drainer;
            if (current != null) {
                current.nudge();
            }
        }
    }

    /**
     * The thread's ring is full: its writers outpaced the drainer, or one of them was descheduled between claiming a
     * slot and filling it (the drain cannot pass that slot until it is filled). Another ring most likely has room;
     * only when every ring is full does the writer take the lock, drain them all itself, and record directly.
     */
    private void recordElsewhere(int fullIndex, ShapeStats shape, long micros) {
        for (int step = 1; step < rings.length; step++) {
            if (rings[(fullIndex + step) & ringMask].offer(shape, micros) != LatencyRing.FULL) {
                return;
            }
        }
        lock.lock();
        try {
            drainRings();
            shape.recordDrained(micros);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the drainer thread, once; called when the first shape is made (never per execution), so that registries
     * that never see a statement never start a thread.
     */
    void startDrainer() {
        if (drainer == null) {
            synchronized (this) {
                if (drainer == null && !closed) {
                    drainer = LatencyDrainer.start(this);
                }
            }
        }
    }

    /** Stops the drainer; later latencies wait in the rings for a reader (or are drained by a writer that fills one). */
    public void close() {
        synchronized (this) {
            closed = true;
            if (drainer != null) {
                drainer.stop();
            }
        }
    }

    /** Empties every ring into the shapes' histograms; returns how many entries that was. The drainer's pass. */
    int drainAll() {
        lock.lock();
        try {
            return drainRings();
        } finally {
            lock.unlock();
        }
    }

    private int drainRings() {
        int drained = 0;
        for (LatencyRing ring : rings) {
            drained += ring.drain();
        }
        return drained;
    }

    /** Thread ids are sequential; a multiplicative hash spreads neighbours over the rings. */
    private int ringIndex(long threadId) {
        return (int) ((threadId * 0x9E3779B97F4A7C15L) >>> 40) & ringMask;
    }

    /**
     * Runs {@code reader} under the lock that guards every shape's histograms, after draining every ring: the shape
     * histograms then hold every execution that completed before this call.
     */
    <T> T locked(Supplier<T> reader) {
        lock.lock();
        try {
            drainRings();
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    /** Entries waiting in the rings, without draining them (for tests). */
    long backlog() {
        lock.lock();
        try {
            long waiting = 0;
            for (LatencyRing ring : rings) {
                waiting += ring.backlog();
            }
            return waiting;
        } finally {
            lock.unlock();
        }
    }
}
