package io.querylens.driver.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One application thread's latencies and row counts on their way to the shapes: a bounded ring of (shape, entry)
 * pairs (an entry packs both, see {@link LatencyLog#record}) that only its owner thread writes and only the holder of
 * the {@link LatencyLog}'s lock reads.
 *
 * <p>Single writer, single reader at a time, so an entry costs two plain stores and one release store of the tail: no
 * compare-and-set, and no slot that another thread can hold half-written. (A shared ring with one compare-and-set
 * per entry was used before; with more threads than processors a writer descheduled between claiming a slot and
 * filling it stopped every drain of that ring for its whole time off the processor, ~50 ms at 32 threads on 2 cores,
 * so the rings filled and writers queued on the lock.)
 *
 * <p>Why by hand: JCTools' {@code SpscArrayQueue} holds one object per slot, so an entry would be an allocated pair;
 * here a slot is a reference and a primitive in two parallel arrays, written in place.
 */
final class LatencyBuffer {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(LatencyBuffer.class, "tail", long.class);
            HEAD = lookup.findVarHandle(LatencyBuffer.class, "head", long.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /** The writing thread: a buffer whose owner has ended is drained one last time and dropped by the log. */
    final Thread owner;
    // Replaced (larger) only by the owner, under the log's lock, while empty: see grow().
    private int mask; // capacity - 1
    private ShapeStats[] shapes;
    private long[] entries;
    /** Positions written: plain for the owner, published to the drainer with a release store. */
    @SuppressWarnings("unused") // accessed through TAIL
    private long tail;
    /** Positions drained: written by the drainer with a release store, read by the owner only when it looks full. */
    @SuppressWarnings("unused") // accessed through HEAD
    private long head;
    /** The owner's last look at {@link #head}: enough to know there is room without reading the drainer's line. */
    private long headSeen;

    LatencyBuffer(Thread owner, int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 4) {
            throw new IllegalArgumentException("capacity must be a power of two, at least 4: " + capacity);
        }
        this.owner = owner;
        resize(capacity);
    }

    private void resize(int newCapacity) {
        mask = newCapacity - 1;
        shapes = new ShapeStats[newCapacity];
        entries = new long[newCapacity];
    }

    int capacity() {
        return mask + 1;
    }

    /** True when {@code written} (what {@link #offer} returned) completes a quarter of the buffer: time to drain. */
    boolean quarterFilled(long written) {
        return (written & (mask >> 2)) == 0;
    }

    /**
     * Doubles the buffer, up to {@code limit}, once its owner has just drained it: a busy thread drains in larger,
     * rarer batches (each drain moves the shared histograms' cache lines to this core; at 2 threads on 2 cores, 32
     * entries a drain cost +27% per execution, 256 +7%), while a thread that runs a few statements keeps a small one.
     * Owner thread only, under the log's lock, with nothing left to drain.
     */
    void grow(int limit) {
        int capacity = mask + 1;
        if (capacity < limit && (long) HEAD.get(this) == (long) TAIL.get(this)) {
            resize(capacity * 2);
        }
    }

    /** Adds one entry and returns the number written so far, or 0 when the buffer is full. Owner thread only. */
    long offer(ShapeStats shape, long value) {
        long position = (long) TAIL.get(this);
        if (position - headSeen > mask) {
            headSeen = (long) HEAD.getAcquire(this);
            if (position - headSeen > mask) {
                return 0;
            }
        }
        int slot = (int) position & mask;
        if (shapes[slot] != shape) { // a hot shape finds itself from a lap ago: no store, no GC write barrier
            shapes[slot] = shape;
        }
        entries[slot] = value;
        TAIL.setRelease(this, position + 1);
        return position + 1;
    }

    /** Entries published and not yet drained. Under the log's lock. */
    long backlog() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.get(this);
    }

    /** Hands every published entry, oldest first, to its shape. Under the log's lock. */
    void drain() {
        long position = (long) HEAD.get(this);
        long end = (long) TAIL.getAcquire(this);
        for (; position < end; position++) {
            int slot = (int) position & mask;
            // The slot keeps its shape reference until overwritten: shapes live as long as the registry, so it retains
            // nothing, and skipping the store saves a GC write barrier per entry.
            LatencyLog.deliver(shapes[slot], entries[slot]);
        }
        HEAD.setRelease(this, end);
    }
}
