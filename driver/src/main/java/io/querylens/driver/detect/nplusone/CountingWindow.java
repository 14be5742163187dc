package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.QueryShape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One unit of work's counts, and the rules for ending it. Per-thread windows (transaction, idle) are reused from one
 * unit to the next; trace windows are reused through {@link TraceWindows}; an explicit {@link UnitOfWork} has its own.
 *
 * <p>Threading contract: recording threads call {@link #touch} then {@link #acceptsRecords} before counting, without a
 * lock. Whoever ends the unit (the owner thread, the sweeper, a commit, {@code UnitOfWork.close()}) must win
 * {@link #beginClose} first; it evaluates, then {@link #reopen}s or {@link #retire}s the window. Because
 * {@code lastActivityNanos} and {@code state} are both volatile, a record racing with an idle close is either seen
 * by the closer (which then backs off) or dropped by the recorder: never counted into an emptied table. The activity
 * time is written at a resolution (see {@link #touch}), so "idle" means idle for the idle window give or take that
 * resolution (a sixteenth of the window, at most 1 ms).
 */
final class CountingWindow {
    enum Kind {
        EXPLICIT("unit of work"), TRACE("trace"), TRANSACTION("transaction"), THREAD_IDLE("thread window");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int RETIRED = 2;
    /** Evaluated by a thread other than its owner; the owner empties it before it counts again (see ShapeCounter). */
    private static final int SWEPT = 3;

    // Fields with VarHandles rather than AtomicIntegers: each atomic is an object of its own, one more cache line for
    // every statement to touch (the state is read on every execution), and on a real database those lines are cold.
    private static final VarHandle STATE;
    private static final VarHandle CALL_SITE_WALKS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CountingWindow.class, "state", int.class);
            CALL_SITE_WALKS = lookup.findVarHandle(CountingWindow.class, "callSiteWalks", int.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    final ShapeCounter counter;
    /** Stack walks spent on shapes past the threshold in this unit (bounded by the detector). */
    private volatile int callSiteWalks;
    /** The data source of the latest statement counted here (for the finding); plain: a stale value is harmless. */
    String dataSource;
    private volatile int state = OPEN;
    private final Thread owner;
    private volatile long lastActivityNanos;
    private volatile Kind kind;
    private volatile String label;
    /** For transaction windows: the connection and its transaction number. For trace windows: unused. */
    long connectionId;
    long transactionSequence;

    private volatile QueryShape lastSelect;
    private volatile QueryShape beforeLastSelect;

    CountingWindow(int slots, Kind kind, String label, Thread owner) {
        this.counter = new ShapeCounter(slots, owner != null);
        this.kind = kind;
        this.label = label;
        this.owner = owner;
    }

    Kind kind() { return kind; }
    String label() { return label; }
    /** The thread whose statements fill this window, or null for windows shared by threads. */
    Thread owner() { return owner; }

    void rekey(Kind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    /**
     * The statement this execution follows within the unit: the previous SELECT shape if it differs, otherwise (a run
     * of the same shape) the one before the run. Kept per window rather than per thread so that a unit fanned out to
     * worker threads still knows its "1"; with several threads the order is approximate, which is enough for a name.
     * Writes only when the shape changes.
     */
    QueryShape parentFor(QueryShape shape) {
        QueryShape last = lastSelect;
        if (last == null) {
            lastSelect = shape;
            return null;
        }
        if (last.id() == shape.id()) {
            return beforeLastSelect;
        }
        beforeLastSelect = last;
        lastSelect = shape;
        return last;
    }

    /**
     * Notes activity at {@code nowNanos}, writing only when the stored time is {@code resolutionNanos} old or more:
     * a volatile store is a full fence (about as dear as an atomic increment), and the time only decides when a
     * window counts as idle, which a fraction of the idle window's own length cannot change.
     */
    void touch(long nowNanos, long resolutionNanos) {
        if (nowNanos - lastActivityNanos >= resolutionNanos) {
            lastActivityNanos = nowNanos;
        }
    }

    /**
     * Takes one stack walk from this unit's budget of {@code max}: true when there was one left. Reads first, so once
     * the budget is spent a long unit pays no atomic per execution.
     */
    boolean takeCallSiteWalk(int max) {
        return callSiteWalks < max && (int) CALL_SITE_WALKS.getAndAdd(this, 1) < max;
    }

    boolean acceptsRecords() {
        return state == OPEN;
    }

    boolean retired() {
        return state == RETIRED;
    }

    boolean idleLongerThan(long idleNanos, long nowNanos) {
        return nowNanos - lastActivityNanos > idleNanos;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    boolean beginClose() {
        return STATE.compareAndSet(this, OPEN, CLOSING);
    }

    /** Backs off a close that found the window active again (see the class comment). */
    void cancelClose() {
        state = OPEN;
    }

    /** Empties the counts and accepts records again; only after winning {@link #beginClose}. */
    void reopen() {
        counter.clear();
        callSiteWalks = 0;
        state = OPEN;
    }

    /**
     * After an evaluation by whoever won {@link #beginClose}: the owner (or anyone, for a window without one) empties
     * and reopens it at once; another thread leaves it {@link #swept()} for the owner to empty, because only the
     * owner writes a per-thread window's counts (plainly), and an emptying by another thread could be overwritten by
     * an increment in flight.
     */
    void reopenAfterEvaluation() {
        if (owner != null && owner != Thread.currentThread()) {
            state = SWEPT;
        } else {
            reopen();
        }
    }

    /** True when another thread evaluated this window and its owner must {@link #reopen} it before counting. */
    boolean swept() {
        return state == SWEPT;
    }

    /** Ends the window for good (an explicit unit of work that was closed). */
    void retire() {
        state = RETIRED;
    }
}
