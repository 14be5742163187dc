package io.querylens.driver.recording;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where application threads leave each execution's latency for the shapes' histograms: one {@link LatencyBuffer} per
 * thread, emptied in batches into plain (single-writer) histograms under one lock.
 *
 * <p>Why not record into a concurrent histogram directly: every thread executing a hot shape then increments the
 * same bucket, total and phaser counters, and those cache lines bounce between cores (the contention benchmark
 * measured +668 ns per execution per core at 2 threads on one shape, against +135 ns at 1). A buffer per thread
 * shares nothing between threads that run at once, and a write into it is three stores, cheaper than the four atomic
 * increments of a concurrent histogram even on one thread. It also lets a shape keep one plain histogram.
 *
 * <p>Who drains: the writer whose buffer has a quarter of its capacity in new entries tries the lock and, when it is
 * free, drains its own buffer while the entries are still in its cache (and lets it grow: see
 * {@link LatencyBuffer#grow}). It never waits for the lock there. A background drainer thread was tried and measured
 * slower on the application's thread (+30 ns per prepared select on the stub benchmark): every slot it read had to
 * travel back to the writer's core. Readers ({@link #locked}) drain every buffer first, so what they see includes
 * every execution that completed before they asked. Only a writer whose buffer is full (the lock was busy for three
 * quarters of its capacity) waits for the lock, drains it and goes on, so nothing is ever dropped. (Spilling into a
 * chain of per-thread buffers instead of waiting was measured at 32 threads on 2 cores: the same throughput, since a
 * waiting thread gives its processor to another, and 9 B per execution for the chains; see bench/INVESTIGATIONS.md.)
 *
 * <p>Memory: 0.75 KB per thread that ever executed a statement, made and registered (under the lock) at its first
 * execution, growing to 12 KB for a thread that has run a few hundred. The buffer of a thread that has ended is
 * drained and dropped by every reader and whenever the registry is full.
 */
public final class LatencyLog {
    /** Entries in a thread's first buffer (0.75 KB); the writer drains every quarter. */
    static final int INITIAL_CAPACITY = 64;
    /** What a busy thread's buffer grows to (12 KB), see {@link LatencyBuffer#grow}. */
    static final int MAX_CAPACITY = 1024;

    /** An entry's latency part when it carries rows only (a real latency is clamped to at least 1 µs). */
    static final long NO_LATENCY = 0;
    /** An entry is one long: microseconds in the low 32 bits (the range ends at 1 h, 3.6e9 µs), rows above them. */
    private static final long MICROS_MASK = 0xFFFF_FFFFL;
    private static final long MAX_ROWS_PER_ENTRY = 0xFFFF_FFFFL;

    private final ReentrantLock lock = new ReentrantLock();
    /** Every live thread's buffer (and ended threads' until the next prune); under the lock. */
    private LatencyBuffer[] buffers = new LatencyBuffer[16];
    private int bufferCount;

    /**
     * Records one latency (already clamped into the histogram range, or {@link #NO_LATENCY}) and the rows that came
     * with it for {@code shape}; {@code on}: this thread's record.
     */
    void record(Execution on, ShapeStats shape, long micros, long rows) {
        if (rows > MAX_ROWS_PER_ENTRY) { // four billion rows from one statement: the rest in entries of their own
            record(on, shape, NO_LATENCY, rows - MAX_ROWS_PER_ENTRY);
            rows = MAX_ROWS_PER_ENTRY;
        }
        long entry = rows > 0 ? micros | rows << 32 : micros;
        LatencyBuffer buffer = on.latencyBuffer(this);
        if (buffer == null) {
            buffer = register(on);
        }
        long written = buffer.offer(shape, entry);
        if (written == 0) {
            lock.lock(); // the lock was busy for three quarters of this buffer: wait rather than drop
            try {
                buffer.drain();
                deliver(shape, entry);
            } finally {
                lock.unlock();
            }
        } else if (buffer.quarterFilled(written) && lock.tryLock()) {
            try {
                buffer.drain();
                buffer.grow(MAX_CAPACITY);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Hands one entry to its shape. Under the lock. */
    static void deliver(ShapeStats shape, long entry) {
        shape.drained(entry & MICROS_MASK, entry >>> 32);
    }

    private LatencyBuffer register(Execution on) {
        LatencyBuffer buffer = new LatencyBuffer(Thread.currentThread(), INITIAL_CAPACITY);
        lock.lock();
        try {
            if (bufferCount == buffers.length) {
                drainAndDropEnded();
                if (bufferCount > buffers.length / 2) {
                    buffers = Arrays.copyOf(buffers, buffers.length * 2);
                }
            }
            buffers[bufferCount++] = buffer;
        } finally {
            lock.unlock();
        }
        on.latencyBuffer(this, buffer);
        return buffer;
    }

    /**
     * Drains every buffer, and drops those whose thread has ended: nothing more can be added to them. A thread seen
     * ended is seen with all its writes (a thread's end happens-before {@code isAlive} returns false), so the check
     * comes before the drain, never after. Under the lock.
     */
    private void drainAndDropEnded() {
        int kept = 0;
        for (int i = 0; i < bufferCount; i++) {
            LatencyBuffer buffer = buffers[i];
            boolean alive = buffer.owner.isAlive();
            buffer.drain();
            if (alive) {
                buffers[kept++] = buffer;
            }
        }
        Arrays.fill(buffers, kept, bufferCount, null);
        bufferCount = kept;
    }

    /**
     * Runs {@code reader} under the lock that guards every shape's histograms, after draining every buffer: the shape
     * histograms then hold every execution that completed before this call.
     */
    <T> T locked(Supplier<T> reader) {
        lock.lock();
        try {
            drainAndDropEnded();
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    /** Entries waiting in the buffers, without draining them (for tests). */
    long backlog() {
        lock.lock();
        try {
            long waiting = 0;
            for (int i = 0; i < bufferCount; i++) {
                waiting += buffers[i].backlog();
            }
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Buffers held, of live threads and of ended ones not yet dropped (for tests). */
    int buffersHeld() {
        lock.lock();
        try {
            return bufferCount;
        } finally {
            lock.unlock();
        }
    }
}
