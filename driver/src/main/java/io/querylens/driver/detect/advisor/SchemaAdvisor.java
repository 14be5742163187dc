package io.querylens.driver.detect.advisor;

import io.querylens.driver.sql.StatementKind;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.unindexed.AnalysisConnectionPool;
import io.querylens.driver.detect.unindexed.AnalysisConnectionPool.Session;
import io.querylens.driver.detect.unindexed.IndexCatalog;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.internal.Log;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The schema advisor: integrity, indexing, type, health and drift checks ({@link SchemaCheck}) on the tables the
 * application really uses, with the joins it really runs as evidence. Findings go through the engine's reporter like
 * every other detector's.
 *
 * <p>Threading contract. {@link #onNewShape} (application thread, once per shape) offers the shape to a bounded queue
 * and never blocks; a full queue drops the shape and counts it. {@link #onExecution} does one branch and, after a
 * successful DDL statement, one atomic increment. Everything else runs on one daemon thread, "querylens-advisor", on
 * analysis connections of its own (never the application's): it reads each shape's tables and joins, and checks a data
 * source shortly after new tables appear ({@code querylens.advisor.settleMillis} of quiet), then at most once per
 * {@code querylens.advisor.intervalSeconds}. {@link #runNow}, {@link #awaitIdle} and {@link #latestHealth} may be
 * called from any thread.
 */
public final class SchemaAdvisor implements Detector {
    public static final String NAME = "advisor";
    private static final Log LOG = Log.forName("io.querylens.advisor");
    private static final long POLL_MILLIS = 100;

    private final List<SchemaCheck> checks;
    private final TableHealthCheck health;
    private final FindingReporter findings;
    private final Faults faults;
    private final AnalysisConnectionPool connections;
    private final IndexCatalog catalog = new IndexCatalog();
    private final int orphanScanRows;
    private final long settleNanos;
    private final long intervalNanos;
    private final BlockingQueue<SeenShape> queue;
    private final Map<String, DataSourceState> states = new LinkedHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong runRequests = new AtomicLong();
    private final AtomicLong schemaChanges = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private final Object idle = new Object();
    private final Thread worker;
    private volatile long runRequestsDone;
    private volatile long schemaChangesApplied;
    private volatile boolean promptRunPending;
    private volatile long entityModelsSeen;
    private volatile boolean running = true;

    SchemaAdvisor(List<SchemaCheck> checks, FindingReporter findings, Faults faults, AnalysisConnectionPool connections,
                  int queueSize, int orphanScanRows, Duration settle, Duration interval) {
        this.checks = List.copyOf(checks);
        this.health = (TableHealthCheck) checks.stream().filter(TableHealthCheck.class::isInstance).findFirst()
                .orElse(null);
        this.findings = findings;
        this.faults = faults;
        this.connections = connections;
        this.orphanScanRows = orphanScanRows;
        this.settleNanos = settle.toNanos();
        this.intervalNanos = interval.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.worker = new Thread(this::work, "querylens-advisor");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onNewShape(QueryShape shape, ConnectionContext connection) {
        if (connection.dialect() == Dialect.GENERIC || !SchemaUseReader.reads(shape.kind())) {
            return;
        }
        pending.incrementAndGet();
        if (!queue.offer(new SeenShape(shape, connection.dataSource(), connection.dialect(),
                connection.analysisConnections()))) {
            pending.decrementAndGet();
            dropped.increment();
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

    /** Asks for a run of every check on every data source seen so far, now; {@link #awaitIdle} waits for it. */
    public void runNow() {
        runRequests.incrementAndGet();
    }

    /**
     * The table-health measurements of the latest run on each data source (empty before the first run, or with the
     * {@code table_health} check switched off). For metrics exporters; any thread.
     */
    public List<HealthSample> latestHealth() {
        return health == null ? List.of() : health.latest();
    }

    /** Shapes not read because the queue was full. */
    public long droppedShapes() {
        return dropped.sum();
    }

    /**
     * Waits until every queued shape is read, every requested run ({@link #runNow}) and every prompt run (the first
     * one after new tables, one after a schema change or a new entity model) has finished; false when {@code timeout}
     * passed first. Periodic runs are not waited for.
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
                TimeUnit.NANOSECONDS.timedWait(idle, Math.min(remainingNanos, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            }
            return true;
        }
    }

    private boolean isIdle() {
        return pending.get() == 0 && runRequestsDone == runRequests.get()
                && schemaChangesApplied == schemaChanges.get() && !promptRunPending
                && entityModelsSeen == EntityModels.version();
    }

    private void work() {
        while (running) {
            try {
                SeenShape seen;
                try {
                    seen = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException stop) {
                    return;
                }
                if (seen != null) {
                    try {
                        read(seen);
                    } finally {
                        // Flag the prompt run before the shape stops counting as pending: awaitIdle must not see
                        // a moment with neither.
                        promptRunPending |= anyPromptRunPending();
                        pending.decrementAndGet();
                    }
                    if (!queue.isEmpty()) {
                        continue;
                    }
                }
                noticeChanges();
                long requested = runRequests.get();
                long now = System.nanoTime();
                for (DataSourceState state : states.values()) {
                    if (requested != runRequestsDone || state.due(now, settleNanos, intervalNanos)) {
                        run(state);
                    }
                }
                promptRunPending = anyPromptRunPending();
                runRequestsDone = requested;
                signalIfIdle();
            } catch (Throwable unexpected) {
                faults.report("detector " + NAME, unexpected);
            }
        }
    }

    private boolean anyPromptRunPending() {
        for (DataSourceState state : states.values()) {
            if (state.promptRunPending()) {
                return true;
            }
        }
        return false;
    }

    private void read(SeenShape seen) {
        DataSourceState state = states.computeIfAbsent(seen.dataSource(),
                ds -> new DataSourceState(ds, seen.dialect(), seen.connections()));
        SchemaUseReader.read(seen.shape(), state::touched, state::joined);
    }

    private void noticeChanges() {
        long changes = schemaChanges.get();
        long models = EntityModels.version();
        if (changes != schemaChangesApplied) {
            catalog.clear();
        }
        if (changes != schemaChangesApplied || models != entityModelsSeen) {
            states.values().forEach(DataSourceState::wantPromptRun);
            promptRunPending |= anyPromptRunPending();
        }
        schemaChangesApplied = changes;
        entityModelsSeen = models;
    }

    private void run(DataSourceState state) {
        // Each run reads the catalog afresh: indexes and constraints may have changed outside QueryLens.
        catalog.clear();
        state.ran(System.nanoTime());
        Session session;
        try {
            session = connections.sessionFor(state.dataSource(), state.dialect(), state.connections());
        } catch (SQLException | RuntimeException unavailable) {
            faults.warnOnce("advisor connect " + state.dataSource(), "QueryLens's schema advisor could not open an "
                    + "analysis connection to " + state.dataSource() + " (the application is not affected; logged "
                    + "once): " + unavailable);
            return;
        }
        CheckInput input = new CheckInput(session.connection(), state.dialect(), session.mariaDb(),
                state.dataSource(), state.tables(), state.joins(), catalog, orphanScanRows);
        for (SchemaCheck check : checks) {
            List<Finding> found;
            try {
                found = check.run(input);
            } catch (SQLException | RuntimeException failure) {
                faults.warnOnce("advisor " + check.name() + " " + state.dataSource(), "QueryLens's schema advisor "
                        + "check " + check.name() + " failed on " + state.dataSource() + " (the application is not "
                        + "affected; logged once per check): " + failure);
                if (failure instanceof SQLException) {
                    // A timeout may leave the session mid-statement: reopen for the next check.
                    connections.discard(state.dataSource());
                    try {
                        Session fresh = connections.sessionFor(state.dataSource(), state.dialect(), state.connections());
                        input = new CheckInput(fresh.connection(), state.dialect(), fresh.mariaDb(),
                                state.dataSource(), state.tables(), state.joins(), catalog, orphanScanRows);
                    } catch (SQLException | RuntimeException unavailable) {
                        return;
                    }
                }
                continue;
            }
            found.forEach(findings::report);
        }
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
        connections.close();
        synchronized (idle) {
            idle.notifyAll();
        }
        LOG.debug("schema advisor stopped; " + dropped.sum() + " shapes dropped on a full queue");
    }
}
