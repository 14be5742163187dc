package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.StatementKind;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.internal.Log;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.QueryShape;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds the queries no index serves, proves it with the database's plan, and says which index to create
 * (finding kind {@code unindexed_predicate}).
 *
 * <p>Threading contract. {@link #onNewShape} (once per shape, application thread) offers the shape to a bounded queue
 * and never blocks: when the queue is full the shape is dropped and counted ({@link #droppedShapes}).
 * {@link #onExecution} (every execution, application thread) does one branch on the statement kind; after a successful
 * DDL statement it increments an atomic counter, nothing else: no allocation, no lock. Everything else runs on one
 * daemon thread, "querylens-analysis", on connections of its own ({@link AnalysisConnectionPool}), never the
 * application's. {@link #awaitIdle} and {@link #outcome} may be called from any thread.
 *
 * <p>A schema change (a DDL statement executed through QueryLens) empties the index catalog and queues every shape
 * analysed so far again, so a new index clears its finding's cause and a dropped one is noticed.
 */
public final class UnindexedPredicateDetector implements Detector {
    public static final String NAME = "unindexed";
    private static final Log LOG = Log.forName("io.querylens.unindexed");
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<AnalysisTask> queue;
    private final ShapeAnalyzer analyzer;
    private final Faults faults;
    private final Map<Long, AnalysisTask> analysed = new ConcurrentHashMap<>();
    private final Map<String, AnalysisOutcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong schemaChanges = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder suppressed = new LongAdder();
    private final Object idle = new Object();
    private final Thread worker;
    private volatile long schemaChangesApplied;
    private volatile boolean running = true;
    private final long refreshNanos;
    private long lastRefreshNanos;

    UnindexedPredicateDetector(ShapeAnalyzer analyzer, Faults faults, int queueSize) {
        this(analyzer, faults, queueSize, Duration.ofSeconds(60));
    }

    /** @param refreshInterval how often flagged findings are reported again with their current counts and p95 */
    UnindexedPredicateDetector(ShapeAnalyzer analyzer, Faults faults, int queueSize, Duration refreshInterval) {
        this.refreshNanos = refreshInterval.toNanos();
        this.lastRefreshNanos = System.nanoTime();
        this.analyzer = analyzer;
        this.faults = faults;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.worker = new Thread(this::work, "querylens-analysis");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onNewShape(QueryShape shape, ConnectionContext connection) {
        onNewShape(shape, null, connection);
    }

    @Override
    public void onNewShape(QueryShape shape, String sentSql, ConnectionContext connection) {
        if (shape.allows(ShapeAnalyzer.KIND)) {
            suppressed.increment();
            return;
        }
        if (ShapeAnalyzer.analysable(shape)) {
            offer(new AnalysisTask(shape, AnalysisTask.keptSentSql(sentSql), connection.dataSource(),
                    connection.dialect(), connection.analysisConnections()));
        }
    }

    /** Only DDL matters to {@link #onExecution}. */
    @Override
    public boolean watches(StatementKind kind) {
        return kind == StatementKind.DDL;
    }

    @Override
    public void onExecution(Execution execution) {
        if (execution.shape().containsDdl() && execution.failure() == null) {
            schemaChanges.incrementAndGet();
        }
    }

    /**
     * How the latest analysis of the shape with this fingerprint ({@link QueryShape#hexId()}) ended, or null when it
     * has not been analysed (yet).
     */
    public AnalysisOutcome outcome(String fingerprint) {
        return outcomes.get(fingerprint);
    }

    /** Statements not analysed because they carry a {@code querylens:allow unindexed_predicate} comment. */
    public long suppressedShapes() {
        return suppressed.sum();
    }

    /** Shapes not analysed because the queue ({@code querylens.analysis.queueSize}) was full. */
    public long droppedShapes() {
        return dropped.sum();
    }

    /**
     * Waits until every queued shape has been analysed and every schema change seen so far has been applied. Returns
     * false when {@code timeout} passed first. For tests and orderly shutdown: the analysis runs in the background.
     */
    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!isIdle()) {
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, remainingNanos);
            }
            return true;
        }
    }

    private boolean isIdle() {
        return pending.get() == 0 && schemaChangesApplied == schemaChanges.get();
    }

    private void offer(AnalysisTask task) {
        pending.incrementAndGet();
        if (!queue.offer(task)) {
            pending.decrementAndGet();
            dropped.increment();
        }
    }

    private void work() {
        while (running) {
            try {
                applySchemaChanges();
                refreshIfDue();
                AnalysisTask task = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (task != null) {
                    try {
                        analyse(task);
                    } finally {
                        pending.decrementAndGet();
                    }
                }
                signalIfIdle();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable unexpected) {
                faults.report("detector " + NAME, unexpected);
            }
        }
    }

    private void refreshIfDue() {
        long now = System.nanoTime();
        if (now - lastRefreshNanos >= refreshNanos) {
            lastRefreshNanos = now;
            analyzer.refreshCounts();
        }
    }

    private void applySchemaChanges() {
        long seen = schemaChanges.get();
        if (seen == schemaChangesApplied) {
            return;
        }
        analyzer.schemaChanged();
        for (AnalysisTask task : analysed.values()) {
            offer(task);
        }
        schemaChangesApplied = seen;
    }

    private void analyse(AnalysisTask task) throws InterruptedException {
        String fingerprint = task.shape().hexId();
        analysed.put(task.shape().id(), task);
        AnalysisOutcome outcome;
        try {
            outcome = analyzer.analyse(task);
        } catch (InterruptedException stop) {
            throw stop;
        } catch (Exception failure) {
            outcome = AnalysisOutcome.FAILED;
            faults.warnOnce("unindexed analysis " + task.dataSource() + " " + fingerprint,
                    "QueryLens could not analyse shape " + fingerprint + " for unindexed predicates on "
                            + task.dataSource() + " (the application is not affected; logged once per shape): "
                            + failure);
        }
        outcomes.put(fingerprint, outcome);
    }

    private void signalIfIdle() {
        synchronized (idle) {
            if (isIdle()) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        analyzer.close();
        synchronized (idle) {
            idle.notifyAll();
        }
        LOG.debug("unindexed-predicate analysis stopped; " + dropped.sum() + " shapes dropped on a full queue");
    }
}
