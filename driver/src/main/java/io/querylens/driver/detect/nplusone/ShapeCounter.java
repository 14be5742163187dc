package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.QueryShape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
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
    /**
     * The shape resumed a loop the thread ran steadily in its previous window: its sampled walks wait for the thread's
     * walking budget at every interval (see {@link NPlusOneDetector#RESUMED_STREAK_LIMIT}).
     */
    static final int RESUMED = 64;

    private static final int EMPTY = 0;
    private static final int CLAIMING = 1;
    private static final int READY = 2;

    /*
     * A slot's fields sit side by side, ints in one array and longs in another (8 ints, 4 longs: 32 bytes each), so
     * counting an execution touches two cache lines rather than one per field in parallel arrays (nine on the path of
     * a steady loop). Between two statements on a real database the backend's work evicts much of the client's
     * cache, and each line is then a miss on the next execution.
     */
    private static final int INTS_PER_SLOT = 8;
    private static final int STATE = 0;
    private static final int COUNT = 1;
    private static final int SAME_BIND_COUNT = 2;
    private static final int FLAGS = 3;
    // Stack-walk sampling for a shape past the threshold, kept on its base slot (see NPlusOneDetector#count). Plain
    // ints: in a window shared by threads a lost update only shifts when the next walk happens.
    private static final int LAST_WALK_SLOT = 4;
    private static final int WALK_STREAK = 5;
    private static final int UNWALKED = 6;
    private static final int LONGS_PER_SLOT = 4;
    private static final int SHAPE_ID = 0;
    private static final int SITE_HASH = 1;
    private static final int FIRST_BIND = 2;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final int mask;
    /** State, counts, flags and walk sampling per slot: states, counts and flags through {@link #INTS}. */
    private final int[] ints;
    /** Shape id, call-site hash and first bind hash per slot: written before the slot is published READY. */
    private final long[] longs;
    private final QueryShape[] shapes;
    private final QueryShape[] parents;
    private final AtomicReferenceArray<String> callSites;
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
        this.ints = new int[capacity * INTS_PER_SLOT];
        this.longs = new long[capacity * LONGS_PER_SLOT];
        this.shapes = new QueryShape[capacity];
        this.parents = new QueryShape[capacity];
        this.callSites = new AtomicReferenceArray<>(capacity);
        for (int slot = 0; slot < capacity; slot++) {
            ints[slot * INTS_PER_SLOT + LAST_WALK_SLOT] = -1;
        }
    }

    int capacity() {
        return mask + 1;
    }

    private static int at(int slot, int field) {
        return slot * INTS_PER_SLOT + field;
    }

    private static int longAt(int slot, int field) {
        return slot * LONGS_PER_SLOT + field;
    }

    private int state(int slot) {
        return (int) INTS.getVolatile(ints, at(slot, STATE));
    }

    /** The slot of (shape, site) if it exists, or -1. Does not count. */
    int find(long shapeId, long siteHash) {
        int start = index(shapeId, siteHash);
        for (int probe = 0; probe <= mask; probe++) {
            int slot = (start + probe) & mask;
            int state = state(slot);
            if (state == EMPTY) {
                return -1;
            }
            if (state == READY && longs[longAt(slot, SHAPE_ID)] == shapeId
                    && longs[longAt(slot, SITE_HASH)] == siteHash) {
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
            int state = state(slot);
            if (state == READY) {
                if (longs[longAt(slot, SHAPE_ID)] == shapeId && longs[longAt(slot, SITE_HASH)] == siteHash) {
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
            if (INTS.compareAndSet(ints, at(slot, STATE), EMPTY, CLAIMING)) {
                used.incrementAndGet();
                longs[longAt(slot, SHAPE_ID)] = shapeId;
                longs[longAt(slot, SITE_HASH)] = siteHash;
                longs[longAt(slot, FIRST_BIND)] = bindHash;
                shapes[slot] = shape;
                parents[slot] = parent;
                callSites.set(slot, callSite);
                INTS.setVolatile(ints, at(slot, COUNT), 1);
                INTS.setVolatile(ints, at(slot, SAME_BIND_COUNT), 1);
                INTS.setVolatile(ints, at(slot, FLAGS), initialFlags);
                INTS.setVolatile(ints, at(slot, STATE), READY);
                return slot;
            }
            probe--; // lost the claim race: look at the same slot again
        }
        dropped.incrementAndGet();
        return -1;
    }

    /** Counts one execution in a slot {@link #find} returned (it stays ready until the window is cleared). */
    void count(int slot, long bindHash) {
        increment(at(slot, COUNT));
        if (bindHash == longs[longAt(slot, FIRST_BIND)]) {
            increment(at(slot, SAME_BIND_COUNT));
        } else if ((flags(slot) & DISTINCT_BINDS) == 0) {
            addFlags(slot, DISTINCT_BINDS);
        }
    }

    private void increment(int index) {
        if (oneWriter) {
            INTS.setRelease(ints, index, (int) INTS.getVolatile(ints, index) + 1);
        } else {
            INTS.getAndAdd(ints, index, 1);
        }
    }

    void addFlags(int slot, int added) {
        int index = at(slot, FLAGS);
        int current;
        do {
            current = (int) INTS.getVolatile(ints, index);
            if ((current & added) == added) {
                return;
            }
        } while (!INTS.compareAndSet(ints, index, current, current | added));
    }

    /**
     * Notes a stack walk for the shape whose base slot is {@code base}, which found the call site counted in
     * {@code slot}: the streak of walks that found the same site as the walk before grows, or starts again.
     */
    void walked(int base, int slot) {
        if (slot == ints[at(base, LAST_WALK_SLOT)]) {
            ints[at(base, WALK_STREAK)]++;
        } else {
            ints[at(base, LAST_WALK_SLOT)] = slot;
            ints[at(base, WALK_STREAK)] = 0;
        }
        ints[at(base, UNWALKED)] = 0;
    }

    /**
     * Starts the shape at {@code base} as if {@code streak} walks in a row had found it at its own (base) call site:
     * the thread ran it steadily from there in its previous window (see {@link ThreadCursor#rememberSteady}).
     */
    void resumeSteady(int base, int streak) {
        ints[at(base, LAST_WALK_SLOT)] = base;
        ints[at(base, WALK_STREAK)] = streak;
        ints[at(base, UNWALKED)] = 0;
        addFlags(base, RESUMED);
    }

    /** Consecutive walks for the shape at {@code base} that found the same call site. */
    int walkStreak(int base) { return ints[at(base, WALK_STREAK)]; }

    /** The slot of the call site the latest walk for the shape at {@code base} found, or -1. */
    int lastWalkSlot(int base) { return ints[at(base, LAST_WALK_SLOT)]; }

    /** Counts one execution not walked for the shape at {@code base}; returns how many in a row that makes. */
    int skipWalk(int base) { return ++ints[at(base, UNWALKED)]; }

    /** Records where this slot's executions come from, once its count crossed the threshold. */
    void attribute(int slot, String callSite, boolean hibernate) {
        callSites.set(slot, callSite);
        addFlags(slot, hibernate ? ATTRIBUTED | HIBERNATE : ATTRIBUTED);
    }

    boolean ready(int slot) { return state(slot) == READY; }
    int count(int slot) { return (int) INTS.getVolatile(ints, at(slot, COUNT)); }
    int sameBindCount(int slot) { return (int) INTS.getVolatile(ints, at(slot, SAME_BIND_COUNT)); }
    int flags(int slot) { return (int) INTS.getVolatile(ints, at(slot, FLAGS)); }
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
            if (state(slot) != EMPTY) {
                shapes[slot] = null;
                parents[slot] = null;
                callSites.set(slot, null);
                INTS.setVolatile(ints, at(slot, COUNT), 0);
                INTS.setVolatile(ints, at(slot, SAME_BIND_COUNT), 0);
                INTS.setVolatile(ints, at(slot, FLAGS), 0);
                ints[at(slot, LAST_WALK_SLOT)] = -1;
                ints[at(slot, WALK_STREAK)] = 0;
                ints[at(slot, UNWALKED)] = 0;
                INTS.setVolatile(ints, at(slot, STATE), EMPTY);
            }
        }
    }

    private int index(long shapeId, long siteHash) {
        long h = (shapeId ^ (siteHash * 0x9E3779B97F4A7C15L)) * 0xff51afd7ed558ccdL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
