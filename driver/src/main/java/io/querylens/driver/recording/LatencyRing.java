package io.querylens.driver.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded ring of (shape, microseconds) pairs: many application threads add, one drainer at a time (whoever holds
 * the {@link LatencyLog}'s lock) takes. Each slot carries a sequence number (Dmitry Vyukov's bounded queue), so a
 * writer claims a slot with one compare-and-set of the tail and publishes it with one release store: no lock, no
 * allocation, and no cache line that every writer of a hot shape must own in turn.
 *
 * <p>Why by hand: JCTools' {@code MpscArrayQueue} holds one object per slot, so an entry would have to be an
 * allocated pair; here a slot is two parallel primitives-and-reference arrays, written in place.
 *
 * <p>Not lock-free in one corner, by design of the algorithm: a writer that claimed a slot and is descheduled
 * before publishing it holds the drain at that slot; entries behind it wait (they are not lost), and a writer that
 * then finds the ring full records under the lock instead (see {@link LatencyLog#record}).
 */
final class LatencyRing {
    /** What {@link #offer} returns when every slot is taken. */
    static final long FULL = -1;

    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(LatencyRing.class, "tail", long.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private final int capacity;
    private final int mask;
    private final ShapeStats[] shapes;
    private final long[] micros;
    /** Per slot: equal to the position a writer may claim, or that position + 1 once the entry is readable. */
    private final long[] sequences;
    @SuppressWarnings("unused") // written through TAIL
    private volatile long tail;
    /** The next position to read; touched only by the drainer, under the log's lock. */
    private long head;

    LatencyRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.shapes = new ShapeStats[capacity];
        this.micros = new long[capacity];
        this.sequences = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            sequences[i] = i;
        }
    }

    /** Adds one entry; returns the position it took (0, 1, 2, …), or {@link #FULL}. Any thread. */
    long offer(ShapeStats shape, long value) {
        long position = tail;
        while (true) {
            int slot = (int) position & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
            long lag = sequence - position;
            if (lag == 0) {
                if (TAIL.weakCompareAndSet(this, position, position + 1)) {
                    shapes[slot] = shape;
                    micros[slot] = value;
                    SEQUENCE.setRelease(sequences, slot, position + 1);
                    return position;
                }
                position = tail;
            } else if (lag < 0) {
                return FULL; // the slot still holds an entry from one lap ago
            } else {
                position = tail; // another writer took this position
            }
        }
    }

    /** Entries written and not yet drained (claimed ones included). Under the log's lock. */
    long backlog() {
        return tail - head;
    }

    /** Hands every published entry, oldest first, to its shape's histogram. Under the log's lock. */
    void drain() {
        long position = head;
        while (true) {
            int slot = (int) position & mask;
            if ((long) SEQUENCE.getAcquire(sequences, slot) != position + 1) {
                break; // empty, or claimed and not yet published
            }
            ShapeStats shape = shapes[slot];
            long value = micros[slot];
            // The slot keeps its shape reference until overwritten: shapes live as long as the registry (and this
            // ring), so it retains nothing, and skipping the store saves a GC write barrier per entry.
            SEQUENCE.setRelease(sequences, slot, position + capacity);
            position++;
            shape.recordDrained(value);
        }
        head = position;
    }
}
