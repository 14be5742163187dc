package io.querylens.driver.finding;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.internal.HandOffQueue;
import io.querylens.driver.sink.FindingSink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Turns the stream of findings detectors report into one finding per problem ({@link Finding#key()}) and hands each
 * to every {@link FindingSink}: when the problem is first seen, again at most once per {@code updateSeconds} while its
 * counts grow, and once more at {@link #close()} (also run at JVM shutdown) if it changed since it was last emitted.
 *
 * <p>Merging: {@code firstSeen} of the first report, {@code lastSeen} of the latest, {@code count} the largest seen
 * (the worst occurrence), {@code occurrences} summed, every other field from the latest report.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>{@link #report} is called from any application thread. It only offers to a bounded {@link HandOffQueue}
 *       (no lock, never waiting for space): when the queue is full the finding is dropped and counted
 *       ({@link #droppedFindings()}). It never throws.</li>
 *   <li>One daemon thread, {@value #THREAD_NAME}, drains the queue, merges and calls the sinks. Sinks are therefore
 *       called by one thread at a time and may block (file I/O) without holding up the application.</li>
 *   <li>{@link #flush()}, {@link #current()} and {@link #close()} may be called from any thread; they take the same
 *       lock as the drain, so they can wait for a sink that is writing. Emissions for one key are never reordered.</li>
 * </ul>
 * Memory is bounded: at most {@code queueCapacity} pending findings and {@code maxKeys} distinct problems; new
 * problems beyond that are dropped, counted ({@link #droppedKeys()}) and warned about once.
 */
public final class Deduplicator implements FindingReporter, AutoCloseable {
    public static final String THREAD_NAME = "querylens-findings";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_KEYS = 10_000;

    /** How long the drain thread sleeps when nothing is due: bounds how late it notices a close without interrupt. */
    private static final long MAX_IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final String COMPONENT = "findings";
    /** Queued by {@link #close()} to wake the drain thread; never merged. */
    private static final Finding WAKE_UP = Finding.builder(FindingKind.N_PLUS_ONE, Severity.INFO)
            .fingerprint("querylens:wake-up").firstSeen(Instant.EPOCH).build();

    private final List<FindingSink> sinks;
    private final Faults faults;
    private final long updateIntervalNanos;
    private final int maxKeys;
    private final Severity minSeverity;
    private final LongSupplier nanoClock;
    private final HandOffQueue<Finding> pending;
    private final LongAdder droppedFindings = new LongAdder();
    /** Findings accepted into the queue, and how many of them were merged: flush() waits for the two to meet. */
    private final LongAdder acceptedFindings = new LongAdder();
    private long mergedFindings; // guarded by stateLock
    private final LongAdder droppedKeys = new LongAdder();

    /** Guards everything below, and the calls into sinks. */
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Map<String, Problem> problems = new LinkedHashMap<>();
    /** Problems merged since they were last emitted, oldest change first. */
    private final Set<Problem> changed = new LinkedHashSet<>();
    private long droppedFindingsWarnedAt;

    private final Thread drainThread;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private Deduplicator(Builder b) {
        this.sinks = List.copyOf(b.sinks);
        this.faults = b.faults;
        this.updateIntervalNanos = TimeUnit.SECONDS.toNanos(b.updateSeconds);
        this.maxKeys = b.maxKeys;
        this.minSeverity = b.minSeverity;
        this.nanoClock = b.nanoClock;
        this.pending = new HandOffQueue<>(b.queueCapacity);
        if (b.drainInBackground) {
            drainThread = new Thread(this::drainUntilClosed, THREAD_NAME);
            drainThread.setDaemon(true);
            drainThread.start();
        } else {
            drainThread = null;
        }
        shutdownHook = b.closeAtShutdown ? registerShutdownHook() : null;
    }

    public static Builder builder(Faults faults) {
        return new Builder(faults);
    }

    /**
     * A deduplicator emitting to {@code sinks}, with {@code querylens.findings.updateSeconds} and
     * {@code querylens.findings.minSeverity} from the config.
     */
    public static Deduplicator create(QueryLensConfig config, List<FindingSink> sinks, Faults faults) {
        return builder(faults).sinks(sinks)
                .updateSeconds(config.integer(ConfigKey.FINDINGS_UPDATE_SECONDS))
                .minSeverity(Severity.fromWireName(config.choice(ConfigKey.FINDINGS_MIN_SEVERITY)))
                .build();
    }

    @Override
    public void report(Finding finding) {
        try {
            if (finding == null || closed || finding.severity().compareTo(minSeverity) < 0) {
                return;
            }
            acceptedFindings.increment();
            if (!pending.offer(finding)) {
                acceptedFindings.decrement();
                droppedFindings.increment();
            }
        } catch (Throwable t) {
            faults.report(COMPONENT, t);
        }
    }

    /**
     * Drains what was reported so far, merges it and emits what is new or due, on the calling thread. Also waits
     * (briefly, bounded) for a finding the drain thread has already taken from the queue but not yet merged, so that
     * {@link #current()} afterwards includes everything reported before this call.
     */
    public void flush() {
        long reportedBefore = acceptedFindings.sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            stateLock.lock();
            try {
                drainPending();
                if (mergedFindings >= reportedBefore || closed || System.nanoTime() > deadline) {
                    emitDue(false);
                    return;
                }
            } finally {
                stateLock.unlock();
            }
            Thread.onSpinWait(); // the drain thread holds one finding and is about to take the lock
            Thread.yield();
        }
    }

    /** The deduplicated findings as of the last drain (call {@link #flush()} first to include the latest reports). */
    public List<Finding> current() {
        stateLock.lock();
        try {
            List<Finding> snapshot = new ArrayList<>(problems.size());
            for (Problem problem : problems.values()) {
                snapshot.add(problem.merged);
            }
            return snapshot;
        } finally {
            stateLock.unlock();
        }
    }

    /** Findings dropped because the queue was full: the drain thread could not keep up. */
    public long droppedFindings() {
        return droppedFindings.sum();
    }

    /** Findings of new problems dropped because {@code maxKeys} problems were already tracked. */
    public long droppedKeys() {
        return droppedKeys.sum();
    }

    /**
     * Stops the drain thread, emits every problem that changed since it was last emitted, regardless of the update
     * interval, and closes the sinks. Later reports are ignored. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (drainThread != null && drainThread != Thread.currentThread()) {
            // Woken by a marker rather than interrupted: an interrupt would close a sink's FileChannel mid-write.
            // When the queue is full the thread is busy draining and sees the flag without waking.
            pending.offer(WAKE_UP);
            try {
                drainThread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeShutdownHook();
        stateLock.lock();
        try {
            drainPending();
            emitDue(true);
            for (FindingSink sink : sinks) {
                try {
                    sink.close();
                } catch (Throwable t) {
                    faults.report(sinkComponent(sink), t);
                }
            }
        } finally {
            stateLock.unlock();
        }
    }

    private void drainUntilClosed() {
        while (!closed) {
            try {
                Finding first = pending.poll(nanosUntilNextUpdate(), TimeUnit.NANOSECONDS);
                stateLock.lock();
                try {
                    if (first != null && first != WAKE_UP) {
                        merge(first);
                    }
                    drainPending();
                    emitDue(false);
                } finally {
                    stateLock.unlock();
                }
            } catch (InterruptedException e) {
                // Nobody but the JVM interrupts this thread; close() does the final drain.
                return;
            } catch (Throwable t) {
                faults.report(COMPONENT, t);
            }
        }
    }

    private long nanosUntilNextUpdate() {
        stateLock.lock();
        try {
            long now = nanoClock.getAsLong();
            long wait = MAX_IDLE_WAIT_NANOS;
            for (Problem problem : changed) {
                wait = Math.min(wait, problem.lastEmittedNanos + updateIntervalNanos - now);
            }
            return Math.max(wait, 0);
        } finally {
            stateLock.unlock();
        }
    }

    private void drainPending() {
        Finding finding;
        while ((finding = pending.poll()) != null) {
            if (finding != WAKE_UP) {
                merge(finding);
            }
        }
        long dropped = droppedFindings.sum();
        if (dropped > droppedFindingsWarnedAt) {
            droppedFindingsWarnedAt = dropped;
            faults.warnOnce("findings.queueFull", "QueryLens dropped findings because its findings queue was full ("
                    + dropped + " so far); repeated problems are still reported from later occurrences");
        }
    }

    private void merge(Finding finding) {
        mergedFindings++;
        String key = finding.key();
        Problem problem = problems.get(key);
        if (problem == null) {
            if (problems.size() >= maxKeys) {
                droppedKeys.increment();
                faults.warnOnce("findings.maxKeys", "QueryLens is tracking " + maxKeys
                        + " distinct findings; further new findings are dropped (counted, not logged)");
                return;
            }
            problem = new Problem(finding);
            problems.put(key, problem);
            emit(problem);
            return;
        }
        Finding previous = problem.merged;
        problem.merged = finding.toBuilder()
                .firstSeen(earlier(previous, finding))
                .lastSeen(previous.lastSeen().isAfter(finding.lastSeen()) ? previous.lastSeen() : finding.lastSeen())
                .count(Math.max(previous.count(), finding.count()))
                .occurrences(previous.occurrences() + finding.occurrences())
                .build();
        changed.add(problem);
    }

    /** Reports from different threads can arrive slightly out of order: keep the earliest, not merely the first. */
    private static Instant earlier(Finding previous, Finding next) {
        return next.firstSeen().isBefore(previous.firstSeen()) ? next.firstSeen() : previous.firstSeen();
    }

    private void emitDue(boolean ignoreInterval) {
        long now = nanoClock.getAsLong();
        Iterator<Problem> it = changed.iterator();
        while (it.hasNext()) {
            Problem problem = it.next();
            if (ignoreInterval || now - problem.lastEmittedNanos >= updateIntervalNanos) {
                it.remove();
                emit(problem);
            }
        }
    }

    private void emit(Problem problem) {
        problem.lastEmittedNanos = nanoClock.getAsLong();
        for (FindingSink sink : sinks) {
            try {
                sink.accept(problem.merged);
            } catch (Throwable t) {
                faults.report(sinkComponent(sink), t);
            }
        }
    }

    private static String sinkComponent(FindingSink sink) {
        return "sink " + sink.getClass().getName();
    }

    private Thread registerShutdownHook() {
        Thread hook = new Thread(this::close, THREAD_NAME + "-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        } catch (IllegalStateException shuttingDown) {
            // Created while the JVM is already exiting: there is no later shutdown to flush at.
            return null;
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down; our hook runs close() again, which returns at once.
        }
    }

    /** One problem: its merged finding and when it was last handed to the sinks. Guarded by {@code stateLock}. */
    private static final class Problem {
        Finding merged;
        long lastEmittedNanos;

        Problem(Finding first) {
            this.merged = first;
        }
    }

    public static final class Builder {
        private final Faults faults;
        private List<FindingSink> sinks = List.of();
        private long updateSeconds = Long.parseLong(ConfigKey.FINDINGS_UPDATE_SECONDS.defaultValue());
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private Severity minSeverity = Severity.INFO;
        private LongSupplier nanoClock = System::nanoTime;
        private boolean drainInBackground = true;
        private boolean closeAtShutdown = true;

        private Builder(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
        }

        /** Where deduplicated findings go; none by default. The deduplicator closes them at {@link #close()}. */
        public Builder sinks(List<FindingSink> sinks) {
            this.sinks = List.copyOf(sinks);
            return this;
        }

        /** Minimum time between two emissions of one problem whose counts grew; default 60. */
        public Builder updateSeconds(long updateSeconds) {
            if (updateSeconds < 0) {
                throw new IllegalArgumentException("updateSeconds must not be negative: " + updateSeconds);
            }
            this.updateSeconds = updateSeconds;
            return this;
        }

        /** Findings waiting for the drain thread; beyond this they are dropped and counted. Default 10 000. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Distinct problems kept; new ones beyond this are dropped and counted. Default 10 000. */
        public Builder maxKeys(int maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
            }
            this.maxKeys = maxKeys;
            return this;
        }

        /** Findings of a lower severity are ignored at {@link #report}; default {@link Severity#INFO} (none ignored). */
        public Builder minSeverity(Severity minSeverity) {
            this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
            return this;
        }

        /** The monotonic clock deciding when an update is due, in nanoseconds; default {@link System#nanoTime()}. */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * Whether the {@value #THREAD_NAME} thread drains the queue; default true. Without it nothing is emitted until
         * {@link #flush()} or {@link #close()}: for tests that need every step on their own thread.
         */
        public Builder drainInBackground(boolean drainInBackground) {
            this.drainInBackground = drainInBackground;
            return this;
        }

        /** Whether a JVM shutdown hook calls {@link #close()}; default true. */
        public Builder closeAtShutdown(boolean closeAtShutdown) {
            this.closeAtShutdown = closeAtShutdown;
            return this;
        }

        public Deduplicator build() {
            return new Deduplicator(this);
        }
    }
}
