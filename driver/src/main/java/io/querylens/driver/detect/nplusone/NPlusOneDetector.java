package io.querylens.driver.detect.nplusone;

import io.querylens.driver.LensEngine;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.CallSites;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Finds N+1 loops and repeated queries: counts SELECT executions per (shape, call site) inside a unit of work and
 * reports, when the unit ends, those counted at least {@code querylens.nplusone.threshold} times. How units are
 * chosen, what the per-execution cost is and what is never an N+1 are in the package documentation.
 *
 * <p>Threading contract: {@link #onExecution} and {@link #onTransactionEnd} run on application threads, lock-free and
 * allocation-free in steady state (the first statement of a thread allocates its cursor and window; a stack walk
 * happens only for shapes that crossed the threshold). {@link #flush} and the sweeper thread end windows of other
 * threads through the {@link CountingWindow} close protocol.
 */
public final class NPlusOneDetector implements Detector {
    public static final String NAME = "nplusone";
    /**
     * Stack walks per window for shapes past the threshold; beyond, executions count on the first call site. It was
     * 4,096 walks, every execution past the threshold walking: with threads waiting for a processor longer than the
     * idle window (32 threads on 2 cores), each restarted window spent its whole budget again, microseconds a walk.
     */
    static final int MAX_CALL_SITE_WALKS_PER_WINDOW = 256;
    /**
     * Past the threshold every execution of a shape walks the stack (microseconds each), so that the same shape from
     * two places is two findings. A loop from one place needs few walks to tell: after this many consecutive walks
     * that found the same call site, only one execution in 8 walks, then one in 16, 32 and at most
     * {@link #MAX_WALK_INTERVAL} as more walks confirm the site (see {@link #walkInterval}); the others count at that
     * site, and a walk that finds another site starts walking every execution again. Sampled walks are also at least
     * {@link #MIN_SAMPLED_WALK_GAP_NANOS} apart per thread, and at the longest interval
     * {@link #WALK_BUDGET_COST_MULTIPLE} times the last walk's cost apart. So a second loop of the same shape right
     * after a long first one has at most that many executions (or a millisecond's worth, or at the longest interval a
     * thousand walks' worth) counted at the first loop's site.
     *
     * <p>A thread's next window (its next transaction, request or idle window) resumes a loop's sampling where it left
     * off when the crossing walk finds the loop at the same call site again ({@link ThreadCursor#rememberSteady}): a
     * loop that runs in every request walks once per request at the crossing, then at most one execution in 64 and
     * within the thread's walking budget (see {@link #RESUMED_STREAK_LIMIT}), instead of 16 walks in a row each time.
     * (At 32 threads on 2 cores a thread waiting for a processor longer than the idle window restarts its window
     * constantly, and each restart walked 16 times again.)
     */
    static final int STEADY_CALL_SITE_WALKS = 16;
    /**
     * One walk in 1,024 at most: at 32 threads on 2 cores a thread's window restarts every scheduling round (~33,000
     * executions), and with walks capped at one in 256 the walks were nearly all the detector's allocation there
     * (async-profiler {@code event=alloc}: StackWalker frames and names).
     */
    static final int MAX_WALK_INTERVAL = 1024;
    /**
     * Sampled walks of a thread's steady loops are at least this far apart, whatever the interval in executions: a
     * walk costs 5-20 µs, so a loop of fast statements spends at most ~1-2% of its thread's time walking. At 32
     * threads on 2 cores each thread's window restarts every scheduling round and ramps its sampling up again; those
     * walks were ~21 ns per execution per core (contention benchmark, 2,585 vs 2,248 ns per op per thread without
     * them). A loop of statements slower than 1 ms / interval is limited by the interval alone.
     */
    static final long MIN_SAMPLED_WALK_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Once a loop is sampled at the longest interval ({@link #MAX_WALK_INTERVAL}), its thread's next sampled walk also
     * waits this many times as long as the previous sampled walk took, so that walking costs a steady loop at most a
     * thousandth of its thread's time whatever a walk costs. A walk is cheap only while the JVM's frame metadata is in
     * the processor's caches: on a stub driver, walks a millisecond apart, 5-20 µs; between statements on a real
     * database, whose round trips leave the thread waiting and the caches to the server, 100-300 µs (PostgreSQL,
     * 2026-12-05, clock and thread CPU time around the walk alike, so it is work, not waiting; ~10-15 µs per frame
     * the JVM fills, the walk's own Java code under a fifth). One walk in 1,024 selects of ~45 µs was then ~0.5% of
     * the select. Below the longest interval the budget applies only to loops resumed from an earlier window
     * ({@link #RESUMED_STREAK_LIMIT}), so in a thread's first window a second loop of the same shape right after a
     * short first one is still found within the executions {@link #STEADY_CALL_SITE_WALKS} describes.
     */
    static final int WALK_BUDGET_COST_MULTIPLE = 1000;
    /**
     * The budget's wait is at most this long: a walk during which its thread lost the processor measures the time it
     * waited too (50 ms at 32 threads on 2 cores), and a thousand times that would leave a second loop of the shape
     * counted at the first loop's site for most of a minute.
     */
    static final long MAX_BUDGETED_WALK_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * The streak a resumed loop starts with at most: one walk in 64 (see {@link #walkInterval}). A resumed loop's
     * sampled walks also wait for the thread's budget ({@link #WALK_BUDGET_COST_MULTIPLE} times its last sampled
     * walk's cost, which the thread keeps across windows) at every interval, not only at the longest: the thread has
     * already confirmed the site in earlier windows, and its budget says how much walking it can afford. Before, each
     * window ramped one in 64, 128, 256 and 512 again, ~16 walks in its first 4,000 executions, at 100-300 µs a walk
     * between PostgreSQL statements. Measured (2026-12-05, walks counted by a scratch build): the paired PostgreSQL
     * select through HikariCP, whose raw iterations end the idle window every 800 ms, walked ~20 times a second, now
     * ~3.5 (the crossing and one sampled walk a window); the contention benchmark at 32 threads on 2 cores, where each
     * thread's window restarts every few scheduling rounds, 1,450 walks a second, now ~520. A second loop of the
     * shape from another site later in a resumed window may therefore count at the first loop's site for up to a
     * thousand walks' worth of time (~5-20 ms on a warm stack, 100-300 ms between database round trips), the
     * trade-off a saturated loop already makes.
     */
    static final int RESUMED_STREAK_LIMIT = STEADY_CALL_SITE_WALKS + 12;
    /** A statement whose way from the application frame to JDBC passes Hibernate gets Hibernate's fetch advice. */
    private static final String HIBERNATE_PACKAGE = "org.hibernate.";
    /**
     * Hibernate 6/7 name lazy proxies {@code Customer$HibernateProxy} (no trailing {@code $}, which CallSites'
     * built-in check expects); a lazy load's call site is the application line that touched the proxy.
     */
    private static final List<String> PROXY_CLASS_MARKERS = List.of("$HibernateProxy");

    private final int threshold;
    private final long idleNanos;
    /** See {@link CountingWindow#touch}: a sixteenth of the idle window, at most 1 ms. */
    private final long touchResolutionNanos;
    private final int slotsPerWindow;
    private final CallSites callSites;
    private final Faults faults;
    private final TraceContext traces;
    private final TraceWindows traceWindows;
    private final WindowEvaluator evaluator;
    private final StatementTally tally = new StatementTally();
    /** Stack walks made to attribute executions to call sites (tests read it; only the walk path writes it). */
    private final LongAdder stackWalks = new LongAdder();
    private final Set<CountingWindow> threadWindows = ConcurrentHashMap.newKeySet();
    private final WindowSweeper sweeper;

    NPlusOneDetector(DetectorContext context, TraceContext traces) {
        QueryLensConfig config = context.config();
        this.threshold = config.integer(ConfigKey.NPLUSONE_THRESHOLD);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(config.integer(ConfigKey.NPLUSONE_IDLE_MILLIS));
        this.touchResolutionNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(1), idleNanos / 16);
        this.slotsPerWindow = config.integer(ConfigKey.NPLUSONE_MAX_SHAPES_PER_UNIT);
        List<String> skipped = new ArrayList<>(config.list(ConfigKey.CALL_SITE_SKIP_PREFIXES));
        skipped.addAll(PROXY_CLASS_MARKERS);
        this.callSites = new CallSites(skipped);
        this.faults = context.faults();
        this.traces = traces;
        this.traceWindows = traces == null ? null
                : new TraceWindows(config.integer(ConfigKey.NPLUSONE_MAX_OPEN_TRACES), slotsPerWindow);
        this.evaluator = new WindowEvaluator(threshold, context.findings(),
                config.list(ConfigKey.NPLUSONE_ALLOW_SHAPES), config.list(ConfigKey.NPLUSONE_ALLOW_CALL_SITES));
        this.sweeper = WindowSweeper.start(this, Math.max(1, idleNanos / 2));
    }

    /** The N+1 detector of {@code engine}, or null when it is switched off there. */
    public static NPlusOneDetector of(LensEngine engine) {
        for (Detector detector : engine.detectors()) {
            if (detector instanceof NPlusOneDetector nPlusOne) {
                return nPlusOne;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return NAME;
    }

    public int threshold() {
        return threshold;
    }

    @Override
    public void onExecution(Execution execution) {
        QueryShape shape = execution.shape();
        if (tally.active()) {
            tally.count(shape.kind());
        }
        // Batches, writes and failures are never an N+1 (see the package documentation).
        if (shape.kind() != StatementKind.SELECT || execution.isBatch() || execution.failed()) {
            return;
        }
        ThreadWork work = (ThreadWork) execution.nPlusOneThreadState();
        if (work == null) {
            work = ThreadWork.current(); // the same object for this thread's lifetime: safe to keep with its record
            execution.nPlusOneThreadState(work);
        }
        ThreadCursor cursor = work.cursorFor(this);
        QueryShape threadParent = cursor.parentFor(shape);
        long nowNanos = execution.startNanos() + execution.elapsedNanos();
        CountingWindow window = windowFor(work, cursor, execution.connection(), nowNanos);
        if (window == null) {
            return;
        }
        window.touch(nowNanos, touchResolutionNanos);
        if (!window.acceptsRecords()) {
            return;
        }
        ConnectionContext connection = execution.connection();
        if (connection != null && window.dataSource != connection.dataSource()) {
            window.dataSource = connection.dataSource();
        }
        QueryShape parent = window.parentFor(shape);
        count(window, cursor, shape, parent != null ? parent : threadParent, execution.bindHash(),
                work.allowedKinds != 0, nowNanos);
    }

    private void count(CountingWindow window, ThreadCursor cursor, QueryShape shape, QueryShape parent, long bindHash,
                       boolean inAllowScope, long nowNanos) {
        ShapeCounter counter = window.counter;
        int base = counter.find(shape.id(), 0);
        int slot;
        int baseFlags = base >= 0 ? counter.flags(base) : 0;
        boolean attributed = (baseFlags & ShapeCounter.ATTRIBUTED) != 0;
        int streak = attributed ? counter.walkStreak(base) : 0;
        int steadySite = streak >= STEADY_CALL_SITE_WALKS ? counter.lastWalkSlot(base) : -1;
        int interval = steadySite >= 0 ? walkInterval(streak) : 0;
        boolean budgeted = interval == MAX_WALK_INTERVAL || (baseFlags & ShapeCounter.RESUMED) != 0;
        if (steadySite >= 0 && (counter.skipWalk(base) < interval || !cursor.sampledWalkDue(nowNanos, budgeted))) {
            slot = steadySite; // a loop from one place: count where the latest walk found it
            counter.count(slot, bindHash);
        } else if (attributed && window.takeCallSiteWalk(MAX_CALL_SITE_WALKS_PER_WINDOW)) {
            long walkStart = steadySite >= 0 ? System.nanoTime() : 0;
            slot = countAtCallSite(counter, base, shape, parent, bindHash);
            if (steadySite >= 0) {
                cursor.sampledWalkMade(nowNanos, System.nanoTime() - walkStart);
            }
            if (slot >= 0) {
                counter.walked(base, slot);
                if (slot == base && counter.walkStreak(base) >= STEADY_CALL_SITE_WALKS) {
                    cursor.rememberSteady(shape.id(), counter.callSite(base), counter.walkStreak(base));
                }
            }
        } else {
            if (base >= 0) {
                counter.count(base, bindHash); // found above: no second probe
                slot = base;
            } else {
                slot = counter.record(shape, 0, null, parent, bindHash, shapeFlags(shape, bindHash));
            }
            if (slot >= 0 && counter.count(slot) == threshold
                    && (counter.flags(slot) & ShapeCounter.PAGED) == 0) {
                crossThreshold(counter, slot, cursor);
            }
        }
        if (slot >= 0 && inAllowScope) {
            counter.addFlags(slot, ShapeCounter.ALLOWED_IN_SCOPE);
        }
    }

    /** Executions per walk once {@code streak} walks in a row found one site: 8, doubling every 4 walks, to 1,024. */
    static int walkInterval(int streak) {
        return Math.min(MAX_WALK_INTERVAL, 8 << Math.min(7, (streak - STEADY_CALL_SITE_WALKS) >> 2));
    }

    private int countAtCallSite(ShapeCounter counter, int base, QueryShape shape, QueryShape parent, long bindHash) {
        CallSites.Located located = callSites.locate(HIBERNATE_PACKAGE);
        stackWalks.increment();
        String site = located.site();
        if (site.equals(counter.callSite(base))) {
            return counter.record(shape, 0, null, parent, bindHash, 0);
        }
        long siteHash = siteHash(site);
        int initialFlags = 0;
        if (counter.find(shape.id(), siteHash) < 0) {
            initialFlags = shapeFlags(shape, bindHash) | ShapeCounter.ATTRIBUTED
                    | (located.through() ? ShapeCounter.HIBERNATE : 0);
        }
        return counter.record(shape, siteHash, site, parent, bindHash, initialFlags);
    }

    /**
     * A shape past the threshold: from now on its executions walk the stack (sampled once a loop is steady), so that
     * the same shape from another call site is counted (and reported) apart. The executions before the crossing were
     * not walked and are attributed to the call site seen at the crossing: the documented trade-off for not walking
     * every statement. A loop this thread ran steadily from the same site in its previous window resumes its sampling.
     */
    private void crossThreshold(ShapeCounter counter, int slot, ThreadCursor cursor) {
        CallSites.Located located = callSites.locate(HIBERNATE_PACKAGE);
        stackWalks.increment();
        String site = located.site();
        counter.attribute(slot, site, located.through());
        int steadyStreak = cursor.steadyStreak(counter.shape(slot).id(), site);
        if (steadyStreak >= 0) {
            // At most one walk in 64 to begin with: a second loop of the shape from elsewhere later in this window is
            // then found after at most 63 executions, as in a first window.
            counter.resumeSteady(slot, Math.min(steadyStreak, RESUMED_STREAK_LIMIT));
        }
        if (traces != null && (counter.flags(slot) & ShapeCounter.DISTINCT_BINDS) != 0) {
            QueryShape shape = counter.shape(slot);
            traces.recordOnCurrentSpan("querylens.n_plus_one", shape.hexId(), shape.text(), threshold, site);
        }
    }

    private static int shapeFlags(QueryShape shape, long bindHash) {
        String text = shape.text();
        int flags = ShapeText.isPaged(text) ? ShapeCounter.PAGED : 0;
        if (bindHash == 0 && ShapeText.hasPlaceholder(text)) {
            flags |= ShapeCounter.UNKNOWN_BINDS;
        }
        return flags;
    }

    private static long siteHash(String site) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < site.length(); i++) {
            h = (h ^ site.charAt(i)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    /** Scope order: explicit unit, trace, transaction, thread idle window (see the package documentation). */
    private CountingWindow windowFor(ThreadWork work, ThreadCursor cursor, ConnectionContext connection,
                                     long nowNanos) {
        if (work.unit != null) {
            return work.unit.windowFor(this, slotsPerWindow);
        }
        if (traces != null) {
            String traceId = traces.currentTraceId();
            if (traceId != null) {
                CountingWindow traceWindow = traceWindows.windowFor(traceId, cursor);
                if (traceWindow != null) {
                    return traceWindow;
                }
            }
        }
        CountingWindow own = cursor.ownWindow;
        if (own == null) {
            own = new CountingWindow(slotsPerWindow, CountingWindow.Kind.THREAD_IDLE, Thread.currentThread().getName(),
                    Thread.currentThread());
            cursor.ownWindow = own;
            threadWindows.add(own);
        } else if (own.swept()) {
            own.reopen(); // evaluated by the sweeper or a flush: only this thread, its owner, empties it
        }
        if (connection != null && connection.inTransaction()) {
            if (own.kind() != CountingWindow.Kind.TRANSACTION || own.connectionId != connection.connectionId()
                    || own.transactionSequence != connection.transactionSequence()) {
                end(own, CountingWindow.Kind.TRANSACTION, connection.dataSource());
                own.connectionId = connection.connectionId();
                own.transactionSequence = connection.transactionSequence();
            }
        } else if (own.kind() != CountingWindow.Kind.THREAD_IDLE || own.idleLongerThan(idleNanos, nowNanos)) {
            end(own, CountingWindow.Kind.THREAD_IDLE, Thread.currentThread().getName());
        }
        return own;
    }

    @Override
    public void onTransactionEnd(ConnectionContext connection) {
        ThreadCursor cursor = ThreadWork.current().existingCursor(this);
        CountingWindow own = cursor == null ? null : cursor.ownWindow;
        if (own != null && own.kind() == CountingWindow.Kind.TRANSACTION
                && own.connectionId == connection.connectionId()) {
            end(own, CountingWindow.Kind.THREAD_IDLE, Thread.currentThread().getName());
        }
    }

    /** Evaluates a per-thread window and reuses it for the next unit, labelled {@code nextLabel}. */
    private void end(CountingWindow window, CountingWindow.Kind nextKind, String nextLabel) {
        if (!window.beginClose()) {
            window.rekey(nextKind, nextLabel); // the sweeper is ending it; it reopens the window when done
            return;
        }
        try {
            evaluate(window);
        } finally {
            window.rekey(nextKind, nextLabel);
            window.reopen();
        }
    }

    /** Called by {@link UnitOfWork#close()}. */
    void endExplicit(CountingWindow window) {
        try {
            if (window.beginClose()) {
                evaluate(window);
                window.retire();
            }
        } catch (Throwable ours) {
            faults.report("detector " + NAME, ours);
        }
    }

    private void evaluate(CountingWindow window) {
        try {
            evaluator.evaluate(window, window.dataSource);
        } catch (Throwable ours) {
            faults.report("detector " + NAME, ours);
        }
    }

    /** The sweeper's pass: ends windows idle past the idle window, and windows of threads that died. */
    void sweep(long nowNanos) {
        for (CountingWindow window : threadWindows) {
            Thread owner = window.owner();
            boolean dead = owner != null && !owner.isAlive();
            if (dead || (window.kind() == CountingWindow.Kind.THREAD_IDLE && window.idleLongerThan(idleNanos, nowNanos)
                    && window.counter.hasEntries())) {
                sweepOne(window, dead, nowNanos);
            }
        }
        if (traceWindows != null) {
            traceWindows.sweep(idleNanos, nowNanos, this::evaluate);
        }
    }

    private void sweepOne(CountingWindow window, boolean dead, long nowNanos) {
        if (!window.beginClose()) {
            return;
        }
        if (!dead && !window.idleLongerThan(idleNanos, nowNanos)) {
            window.cancelClose();
            return;
        }
        try {
            evaluate(window);
        } finally {
            window.reopenAfterEvaluation();
            if (dead) {
                threadWindows.remove(window);
            }
        }
    }

    /**
     * Ends every open implicit window now (thread, transaction and trace windows of all threads), reporting what they
     * hold. Explicit units are left to their owners. For tests and shutdown: a window another thread is writing to at
     * this moment may lose the executions that race with the flush.
     */
    public void flush() {
        for (CountingWindow window : threadWindows) {
            if (window.counter.hasEntries() && window.beginClose()) {
                try {
                    evaluate(window);
                } finally {
                    window.reopenAfterEvaluation();
                }
            }
        }
        if (traceWindows != null) {
            traceWindows.closeAll(this::evaluate);
        }
    }

    /** Stack walks made so far to attribute executions to call sites. */
    long stackWalks() {
        return stackWalks.sum();
    }

    /** Receives every finding this detector reports from now on (before any deduplication), on the ending thread. */
    public void addObserver(Consumer<Finding> observer) {
        evaluator.addObserver(observer);
    }

    public void removeObserver(Consumer<Finding> observer) {
        evaluator.removeObserver(observer);
    }

    /** Starts counting statements by kind, JVM-wide, until the matching {@link #stopCounting()}. */
    public void startCounting() {
        tally.start();
    }

    public void stopCounting() {
        tally.stop();
    }

    /** Statements counted since the first {@link #startCounting()}; diff two snapshots for an interval. */
    public StatementCounts counts() {
        return tally.snapshot();
    }

    /** Cases of {@code kind} that crossed the threshold but were accepted (allow rules, comments, scopes). */
    public long suppressed(FindingKind kind) {
        return evaluator.suppressed(kind);
    }

    @Override
    public void close() {
        sweeper.stop();
        flush();
    }
}
