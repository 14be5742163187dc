package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.QueryShape;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts executions per (shape, call site) inside one unit of work: open addressing over primitive arrays, a fixed
 * number of slots, no allocation after construction.
 *
 * <p>Threading contract: any number of threads may {@link #record} concurrently (an explicit unit of work can be
 * attached on several threads). A slot is claimed by CAS (empty, then claiming, then ready); its fixed fields are
 * written before the ready state is published, counts and flags are atomic. A thread that meets a slot still being
 * claimed, or a full table, drops that one execution and counts it in {@link #dropped()}: never a wait, never a lock.
 * {@link #clear()} is called only by the thread that won the window's close (see {@link CountingWindow}).
 */
final class ShapeCounter {
    static final int DISTINCT_BINDS = 1;
    /** The count crossed the threshold: the call site is known and later executions are attributed per call site. */
    static final int ATTRIBUTED = 2;
    /** An execution was made inside a {@code QueryLens.allow(...)} scope. */
    static final int ALLOWED_IN_SCOPE = 4;
    /** {@code org.hibernate.} frames were on the stack when the call site was captured. */
    static final int HIBERNATE = 8;
    /** A plain statement with placeholders in its shape: its literal values are unknown, assume they differ. */
    static final int UNKNOWN_BINDS = 16;
    /** Paged shape (LIMIT/OFFSET/FETCH): a page loop is one scan, never an N+1; counted and ignored. */
    static final int PAGED = 32;

    private static final int EMPTY = 0;
    private static final int CLAIMING = 1;
    private static final int READY = 2;

    private final int mask;
    private final AtomicIntegerArray states;
    private final long[] shapeIds;
    private final long[] siteHashes;
    private final long[] firstBinds;
    private final QueryShape[] shapes;
    private final QueryShape[] parents;
    private final AtomicReferenceArray<String> callSites;
    private final AtomicIntegerArray counts;
    private final AtomicIntegerArray sameBindCounts;
    private final AtomicIntegerArray flags;
    // Stack-walk sampling for a shape past the threshold, kept on its base slot (see NPlusOneDetector#count). Plain
    // ints: in a window shared by threads a lost update only shifts when the next walk happens.
    private final int[] lastWalkSlots;
    private final int[] walkStreaks;
    private final int[] unwalked;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger used = new AtomicInteger();

    /**
     * True when one thread only counts into this table (a per-thread window): counts are then plain increments
     * published with release stores, not atomic ones, because a locked instruction per execution is a good part of the
     * detector's cost. Tables that several threads count into (units of work, traces) keep atomic counts.
     */
    private final boolean oneWriter;

    /** A table several threads may count into; @param slots rounded up to a power of two */
    ShapeCounter(int slots) {
        this(slots, false);
    }

    /** @param slots rounded up to a power of two; @param oneWriter see {@link #oneWriter} */
    ShapeCounter(int slots, boolean oneWriter) {
        this.oneWriter = oneWriter;
        int capacity = Integer.highestOneBit(Math.max(8, slots - 1)) << 1;
        this.mask = capacity - 1;
        this.states = new AtomicIntegerArray(capacity);
        this.shapeIds = new long[capacity];
        this.siteHashes = new long[capacity];
        this.firstBinds = new long[capacity];
        this.shapes = new QueryShape[capacity];
        this.parents = new QueryShape[capacity];
        this.callSites = new AtomicReferenceArray<>(capacity);
        this.counts = new AtomicIntegerArray(capacity);
        this.sameBindCounts = new AtomicIntegerArray(capacity);
        this.flags = new AtomicIntegerArray(capacity);
        this.lastWalkSlots = new int[capacity];
        Arrays.fill(lastWalkSlots, -1);
        this.walkStreaks = new int[capacity];
        this.unwalked = new int[capacity];
    }

    int capacity() {
        return mask + 1;
    }

    /** The slot of (shape, site) if it exists, or -1. Does not count. */
    int find(long shapeId, long siteHash) {
        int start = index(shapeId, siteHash);
        for (int probe = 0; probe <= mask; probe++) {
            int slot = (start + probe) & mask;
            int state = states.get(slot);
            if (state == EMPTY) {
                return -1;
            }
            if (state == READY && shapeIds[slot] == shapeId && siteHashes[slot] == siteHash) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Counts one execution of (shape, site), claiming a slot on first sight. Returns the slot, or -1 when the
     * execution was dropped (table full, or the slot was being claimed by another thread at that instant).
     *
     * @param initialFlags flags a new slot starts with (call-site flags, {@link #PAGED}, {@link #UNKNOWN_BINDS})
     */
    int record(QueryShape shape, long siteHash, String callSite, QueryShape parent, long bindHash, int initialFlags) {
        long shapeId = shape.id();
        int start = index(shapeId, siteHash);
        for (int probe = 0; probe <= mask; probe++) {
            int slot = (start + probe) & mask;
            int state = states.get(slot);
            if (state == READY) {
                if (shapeIds[slot] == shapeId && siteHashes[slot] == siteHash) {
                    count(slot, bindHash);
                    return slot;
                }
                continue;
            }
            if (state == CLAIMING) {
                // Someone else is writing this slot's key: it may be ours; skipping one execution beats waiting.
                dropped.incrementAndGet();
                return -1;
            }
            if (states.compareAndSet(slot, EMPTY, CLAIMING)) {
                used.incrementAndGet();
                shapeIds[slot] = shapeId;
                siteHashes[slot] = siteHash;
                firstBinds[slot] = bindHash;
                shapes[slot] = shape;
                parents[slot] = parent;
                callSites.set(slot, callSite);
                counts.set(slot, 1);
                sameBindCounts.set(slot, 1);
                flags.set(slot, initialFlags);
                states.set(slot, READY);
                return slot;
            }
            probe--; // lost the claim race: look at the same slot again
        }
        dropped.incrementAndGet();
        return -1;
    }

    /** Counts one execution in a slot {@link #find} returned (it stays ready until the window is cleared). */
    void count(int slot, long bindHash) {
        increment(counts, slot);
        if (bindHash == firstBinds[slot]) {
            increment(sameBindCounts, slot);
        } else if ((flags.get(slot) & DISTINCT_BINDS) == 0) {
            addFlags(slot, DISTINCT_BINDS);
        }
    }

    private void increment(AtomicIntegerArray array, int slot) {
        if (oneWriter) {
            array.lazySet(slot, array.get(slot) + 1);
        } else {
            array.incrementAndGet(slot);
        }
    }

    void addFlags(int slot, int added) {
        int current;
        do {
            current = flags.get(slot);
            if ((current & added) == added) {
                return;
            }
        } while (!flags.compareAndSet(slot, current, current | added));
    }

    /**
     * Notes a stack walk for the shape whose base slot is {@code base}, which found the call site counted in
     * {@code slot}: the streak of walks that found the same site as the walk before grows, or starts again.
     */
    void walked(int base, int slot) {
        if (slot == lastWalkSlots[base]) {
            walkStreaks[base]++;
        } else {
            lastWalkSlots[base] = slot;
            walkStreaks[base] = 0;
        }
        unwalked[base] = 0;
    }

    /**
     * Starts the shape at {@code base} as if {@code streak} walks in a row had found it at its own (base) call site:
     * the thread ran it steadily from there in its previous window (see {@link ThreadCursor#rememberSteady}).
     */
    void resumeSteady(int base, int streak) {
        lastWalkSlots[base] = base;
        walkStreaks[base] = streak;
        unwalked[base] = 0;
    }

    /** Consecutive walks for the shape at {@code base} that found the same call site. */
    int walkStreak(int base) { return walkStreaks[base]; }

    /** The slot of the call site the latest walk for the shape at {@code base} found, or -1. */
    int lastWalkSlot(int base) { return lastWalkSlots[base]; }

    /** Counts one execution not walked for the shape at {@code base}; returns how many in a row that makes. */
    int skipWalk(int base) { return ++unwalked[base]; }

    /** Records where this slot's executions come from, once its count crossed the threshold. */
    void attribute(int slot, String callSite, boolean hibernate) {
        callSites.set(slot, callSite);
        addFlags(slot, hibernate ? ATTRIBUTED | HIBERNATE : ATTRIBUTED);
    }

    boolean ready(int slot) { return states.get(slot) == READY; }
    int count(int slot) { return counts.get(slot); }
    int sameBindCount(int slot) { return sameBindCounts.get(slot); }
    int flags(int slot) { return flags.get(slot); }
    QueryShape shape(int slot) { return shapes[slot]; }
    QueryShape parent(int slot) { return parents[slot]; }
    String callSite(int slot) { return callSites.get(slot); }
    long dropped() { return dropped.get(); }
    boolean hasEntries() { return used.get() > 0; }

    /** Empties every slot for the window's next unit; only the thread that owns the close calls this. */
    void clear() {
        if (used.get() == 0) {
            return; // most idle windows end empty: skip the scan
        }
        used.set(0);
        for (int slot = 0; slot <= mask; slot++) {
            if (states.get(slot) != EMPTY) {
                shapes[slot] = null;
                parents[slot] = null;
                callSites.set(slot, null);
                counts.set(slot, 0);
                sameBindCounts.set(slot, 0);
                flags.set(slot, 0);
                lastWalkSlots[slot] = -1;
                walkStreaks[slot] = 0;
                unwalked[slot] = 0;
                states.set(slot, EMPTY);
            }
        }
    }

    private int index(long shapeId, long siteHash) {
        long h = (shapeId ^ (siteHash * 0x9E3779B97F4A7C15L)) * 0xff51afd7ed558ccdL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
