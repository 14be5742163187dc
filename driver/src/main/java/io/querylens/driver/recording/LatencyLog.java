package io.querylens.driver.recording;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where application threads leave each execution's latency for the shapes' histograms: a few {@link LatencyRing}s,
 * one picked per thread, emptied in batches into plain (single-writer) histograms under one lock.
 *
 * <p>Why not record into a concurrent histogram directly: every thread executing a hot shape then increments the
 * same bucket, total and phaser counters, and those cache lines bounce between cores (the contention benchmark
 * measured +668 ns per execution per core at 2 threads on one shape, against +135 ns at 1). A ring per stripe of
 * threads shares nothing between threads that run at once, and a write into it is one compare-and-set and three
 * stores, cheaper than the four atomic increments of the concurrent histogram even on one thread. It also lets a
 * shape keep one plain histogram instead of two atomic ones.
 *
 * <p>Who drains: the writer whose entry fills a quarter of its ring tries the lock and, when it is free, drains that
 * ring while its entries are still in its own cache (a few nanoseconds per entry, amortised over the quarter). It
 * never waits for the lock there. A background drainer thread was tried and measured slower on the application's
 * thread (+30 ns per prepared select on the stub benchmark): every slot it read and released had to travel back to
 * the writer's core. Readers ({@link #locked}) drain every ring first, so what they see includes every execution that
 * completed before they asked. A writer whose ring is full writes into another; only when every ring is full does it
 * wait for the lock, drain every ring and record its value itself, so nothing is ever dropped.
 */
public final class LatencyLog {
    /** Entries per ring, 40 KB each; a quarter of it amortises a drain (8 rings, 320 KB, on 2 cores; 2.5 MB at most). */
    static final int RING_CAPACITY = 2048;
    private static final int DRAIN_EVERY = RING_CAPACITY / 4;

    private final LatencyRing[] rings;
    private final int ringMask;
    private final ReentrantLock lock = new ReentrantLock();

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
        LatencyRing ring = rings[index];
        long position = ring.offer(shape, micros);
        if (position == LatencyRing.FULL) {
            recordElsewhere(index, shape, micros);
        } else if ((position & (DRAIN_EVERY - 1)) == DRAIN_EVERY - 1 && lock.tryLock()) {
            try {
                ring.drain();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The thread's ring is full: its writers outpaced their drains (the lock was busy), or one of them was
     * descheduled between claiming a slot and filling it (the drain cannot pass that slot until it is filled). Another
     * ring most likely has room; only when every ring is full does the writer take the lock, drain them all itself,
     * and record directly.
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

    private void drainRings() {
        for (LatencyRing ring : rings) {
            ring.drain();
        }
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
