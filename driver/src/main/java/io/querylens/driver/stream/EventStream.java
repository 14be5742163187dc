package io.querylens.driver.stream;

import io.querylens.driver.sql.StatementKind;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.finding.Deduplicator;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.sink.FindingsFileFormat;
import io.querylens.driver.sql.QueryShape;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streams what the collector needs to a Chronicle Queue: per-shape histogram intervals every
 * {@code querylens.flushSeconds}, each shape's text the first time it is shipped, findings as they appear or grow,
 * and every DDL statement executed. Registered with the engine as a {@link Detector} (through
 * {@link EventStreamProvider}) because that is how it sees new shapes and DDL.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>{@link #onExecution} runs on application threads: one field read and one comparison, except for a DDL
 *       statement (rare by nature), which is offered to a bounded queue; when full it is dropped and counted.</li>
 *   <li>{@link #onNewShape} runs once per shape on the first executing thread: one map insert, no I/O.</li>
 *   <li>One daemon thread, {@value #THREAD_NAME}, owns the queue: it opens it, takes the shapes' unshipped intervals,
 *       encodes and appends, enforces retention and closes it. Nothing the application does waits for it.</li>
 *   <li>{@link #close()} (engine close or JVM shutdown) ships a last interval and stops the thread.</li>
 * </ul>
 * When Chronicle or its JVM flags are missing this says so once through {@link Faults#warnOnce} and stops streaming.
 * When the queue cannot be opened or written (no permission, read-only folder, less free space than
 * {@link ChronicleEventQueue#MIN_FREE_BYTES}, or a disk that filled between that check and the write, where
 * Chronicle's mapped write fails with an {@link InternalError}) this warns once, closes the queue, keeps every
 * unshipped interval in its shape and retries; once the queue is usable again it ships everything kept, so the
 * collector's totals stay exact (except for the one flush a disk filled up under, see MIN_FREE_BYTES).
 * Detection and in-process reporting go on throughout, and the application never waits.
 */
public final class EventStream implements Detector {
    public static final String NAME = "stream";
    public static final String THREAD_NAME = "querylens-stream";
    static final String CHRONICLE_CLASS = "net.openhft.chronicle.queue.ChronicleQueue";
    static final String REQUIRED_JVM_FLAGS = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
            + "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    private static final int DDL_QUEUE_CAPACITY = 1024;
    private static final long DDL_WAIT_MILLIS = 200;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** A full disk or read-only folder is retried at least this often (or every flush when flushes are faster). */
    private static final long MAX_RETRY_MILLIS = 5_000;
    /**
     * How long the thread that builds the engine (at the first connection) waits for the queue to open. Chronicle
     * registers shutdown hooks while it starts, which the JVM refuses once it is exiting: a process that connects,
     * runs a few statements and exits before the queue is open would lose its events. Opening takes ~250 ms of CPU,
     * but on a busy 2-core machine (CI running two application JVMs and a database) it took over 2 s and a short-lived
     * process lost everything: a slow start costs the first connection this much at most, never a statement.
     */
    private static final long OPEN_WAIT_MILLIS = 5_000;

    private final QueryLensConfig config;
    private final Faults faults;
    private final ShapeRegistry shapes;
    private final FindingReporter findings;
    private final QueueOpener opener;
    private final StreamEvent.Origin origin;
    private final long flushMillis;
    private final Map<Long, String> dataSourceByShape = new ConcurrentHashMap<>();
    private final BlockingQueue<PendingDdl> pendingDdl = new ArrayBlockingQueue<>(DDL_QUEUE_CAPACITY);
    private final LongAdder droppedDdl = new LongAdder();
    private final LongAdder eventsWritten = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private final Thread thread;
    private final Thread shutdownHook;
    private volatile boolean closed;
    private final CountDownLatch queueOpenedOrFailed = new CountDownLatch(1);

    // Owned by the stream thread.
    private final Set<Long> shippedShapes = new HashSet<>();
    private final Map<Long, long[]> shippedErrorsAndRows = new HashMap<>();
    private final Map<String, String> shippedFindings = new HashMap<>();
    private ByteBuffer histogramBuffer = ByteBuffer.allocate(1024);
    private EventQueue queue;
    private boolean started;
    private boolean unusable;
    private boolean failedSinceLastWrite;
    private long reopenAtMillis;
    private PendingDdl unsentDdl;

    /** Opens the queue on the stream thread; a test may pass its own. */
    interface QueueOpener {
        EventQueue open() throws Exception;
    }

    EventStream(QueryLensConfig config, Faults faults, ShapeRegistry shapes, FindingReporter findings,
                QueueOpener opener, StreamEvent.Origin origin) {
        this.config = config;
        this.faults = faults;
        this.shapes = shapes;
        this.findings = findings;
        this.opener = opener;
        this.origin = origin;
        this.flushMillis = TimeUnit.SECONDS.toMillis(config.integer(ConfigKey.FLUSH_SECONDS));
        this.thread = new Thread(new StreamThreadGroup(faults), this::run, THREAD_NAME);
        this.thread.setDaemon(true);
        this.shutdownHook = new Thread(this::close, THREAD_NAME + "-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: nothing will be recorded after this anyway.
        }
        this.thread.start();
    }

    /**
     * The stream for an engine, or null when {@code querylens.queue.dir} is empty or Chronicle Queue is not on the
     * class path (warned once when the directory was set explicitly; silent when it is only the default).
     */
    static EventStream start(QueryLensConfig config, Faults faults, ShapeRegistry shapes, FindingReporter findings) {
        String directory = QueueDirectory.resolve(config.string(ConfigKey.QUEUE_DIR));
        if (directory.isEmpty()) {
            return null;
        }
        if (!chronicleAvailable()) {
            if (!"default".equals(config.source(ConfigKey.QUEUE_DIR))) {
                faults.warnOnce("stream-chronicle-missing", "QueryLens cannot stream events to " + directory
                        + ": Chronicle Queue (net.openhft:chronicle-queue) is not on the class path. Findings and "
                        + "statistics stay available in this process; add the dependency to feed the collector.");
            }
            return null;
        }
        String rollCycle = config.choice(ConfigKey.QUEUE_ROLL_CYCLE);
        int retainCycles = config.integer(ConfigKey.QUEUE_RETAIN_CYCLES);
        QueueOpener opener = () -> {
            // Chronicle announces usage statistics unless told not to before its classes load.
            System.setProperty("chronicle.analytics.disable", "true");
            QueueWarmUp.beforeStreamOpens();
            return ChronicleEventQueue.open(java.nio.file.Path.of(directory), rollCycle, retainCycles);
        };
        EventStream stream = new EventStream(config, faults, shapes, findings, opener, ProcessIdentity.current(config));
        stream.awaitQueue(OPEN_WAIT_MILLIS);
        return stream;
    }

    static boolean chronicleAvailable() {
        try {
            Class.forName(CHRONICLE_CLASS, false, EventStream.class.getClassLoader());
            return true;
        } catch (Throwable absent) {
            return false;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Only DDL matters to {@link #onExecution}. */
    @Override
    public boolean watches(StatementKind kind) {
        return kind == StatementKind.DDL;
    }

    @Override
    public void onExecution(Execution execution) {
        // DDL is rare (migrations, schema tools), so allocating its small record here is acceptable.
        if (execution.shape().containsDdl() && !execution.failed() && !closed) {
            QueryShape shape = execution.shape();
            if (!pendingDdl.offer(new PendingDdl(shape.id(), shape.text(), execution.connection().dataSource(),
                    System.currentTimeMillis()))) {
                droppedDdl.increment();
            }
        }
    }

    @Override
    public void onNewShape(QueryShape shape, ConnectionContext connection) {
        dataSourceByShape.putIfAbsent(shape.id(), connection.dataSource());
    }

    /** Events appended so far (for tests and the internal metrics). */
    public long eventsWritten() {
        return eventsWritten.sum();
    }

    /** Failed opens and writes of the queue so far (each is retried; only the first is logged). */
    public long writeFailures() {
        return writeFailures.sum();
    }

    public long droppedDdl() {
        return droppedDdl.sum();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        if (thread != Thread.currentThread()) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // Already running hooks.
            }
        }
    }

    private void awaitQueue(long millis) {
        try {
            queueOpenedOrFailed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            openWhenDue();
        } finally {
            // The first attempt, whichever way it went, releases the thread that builds the engine.
            queueOpenedOrFailed.countDown();
        }
        long nextFlush = System.currentTimeMillis() + flushMillis;
        try {
            while (!closed && !unusable) {
                openWhenDue();
                try {
                    PendingDdl ddl = unsentDdl != null ? null : pendingDdl.poll(DDL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (ddl != null) {
                        unsentDdl = ddl;
                        guarded(this::drainDdl);
                    }
                } catch (InterruptedException wakeUp) {
                    // close() interrupts: fall through to the final flush.
                }
                if (System.currentTimeMillis() >= nextFlush) {
                    guarded(this::flush);
                    nextFlush = System.currentTimeMillis() + flushMillis;
                }
            }
            Thread.interrupted();
            if (!unusable) {
                reopenAtMillis = 0;
                openWhenDue();
                guarded(this::flush);
            }
        } finally {
            closeQueue();
        }
    }

    /**
     * Opens the queue when it is not open and the retry delay has passed. A failure that retrying cannot cure (class
     * or JVM-flag problems) ends streaming; anything else (no permission, disk full, a folder not mounted yet) is
     * retried, because a queue that becomes usable again should be fed without restarting the application.
     */
    private void openWhenDue() {
        if (queue != null || unusable || System.currentTimeMillis() < reopenAtMillis) {
            return;
        }
        if (jvmIsShuttingDown()) {
            // An engine made as the process ends (nothing to stream yet): opening Chronicle now fails inside its own
            // start-up, which adds shutdown hooks and prints a screenful to stderr.
            unusable = true;
            return;
        }
        try {
            queue = opener.open();
            if (!started) {
                append(new StreamEvent.ProcessStarted(origin, System.currentTimeMillis(), ProcessIdentity.version()));
                started = true;
            }
        } catch (Throwable failed) {
            closeQueue();
            if (curedOnlyByRestart(failed)) {
                unusable = true;
                faults.warnOnce("stream-open", "QueryLens cannot stream events to " + directory() + ": "
                        + describe(failed) + ". Findings and statistics stay available in this process.");
            } else {
                queueFailed(failed);
            }
        }
    }

    /** Runs one write step; a failure closes the queue and schedules a reopen, keeping what was not written. */
    private void guarded(Runnable step) {
        if (queue == null) {
            return;
        }
        try {
            queue.requireSpace();
            step.run();
            if (failedSinceLastWrite) {
                failedSinceLastWrite = false;
                faults.note("QueryLens resumed streaming events to " + directory()
                        + "; what was recorded meanwhile has been written.");
            }
        } catch (Throwable failed) {
            closeQueue();
            queueFailed(failed);
        }
    }

    private void queueFailed(Throwable failed) {
        writeFailures.increment();
        failedSinceLastWrite = true;
        long retryMillis = Math.min(flushMillis, MAX_RETRY_MILLIS);
        reopenAtMillis = System.currentTimeMillis() + retryMillis;
        faults.warnOnce("stream-write", "QueryLens cannot write events to " + directory() + " (" + describe(failed)
                + "); the application is not affected and findings and statistics stay available in this process. "
                + "Intervals are kept in memory and streamed when the queue is writable again (retried every "
                + Math.max(1, retryMillis / 1000) + " s); this is logged once.");
    }

    private void closeQueue() {
        EventQueue broken = queue;
        queue = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (Throwable ignored) {
                // Closing a broken queue may fail again; the next open starts afresh.
            }
        }
    }

    private static boolean curedOnlyByRestart(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // IllegalAccessException: how Java 25 reports the missing JVM flags (a restart with them is the cure).
            if (cause instanceof LinkageError || cause instanceof ExceptionInInitializerError
                    || cause instanceof IllegalAccessException
                    || cause.getClass().getName().endsWith("InaccessibleObjectException")) {
                return true;
            }
        }
        return false;
    }

    private String directory() {
        return QueueDirectory.resolve(config.string(ConfigKey.QUEUE_DIR));
    }

    private void flush() {
        drainDdl();
        for (ShapeStats stats : shapes.all()) {
            shipInterval(stats);
        }
        shipFindings();
        queue.enforceRetention();
    }

    /** The JDK refuses new shutdown hooks once shutdown has begun; that is the one portable way to ask. */
    static boolean jvmIsShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    private static String describe(Throwable unusable) {
        Throwable cause = unusable;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.toString();
        if (cause instanceof InternalError && text.contains("unsafe memory access")) {
            // How the JVM surfaces SIGBUS on a memory-mapped write: on a local disk that means it is full.
            return text + " (a write to the memory-mapped queue file failed: the disk is probably full)";
        }
        // Java 17 says "member is private: sun.nio.ch.FileChannelImpl.map0", Java 25 "class is not public:
        // sun.nio.ch.UnixFileDispatcherImpl.map0": both are the missing flags.
        if (cause instanceof IllegalAccessError || cause instanceof IllegalAccessException
                || cause instanceof ExceptionInInitializerError
                || cause.getClass().getName().endsWith("InaccessibleObjectException")
                || text.contains("private") || text.contains("not public") || text.contains("does not export")
                || text.contains("opens")) {
            return text + " (Chronicle Queue needs these JVM flags: " + REQUIRED_JVM_FLAGS
                    + ", or the QueryLens agent, which opens them itself)";
        }
        return text;
    }

    private void drainDdl() {
        if (unsentDdl == null) {
            unsentDdl = pendingDdl.poll();
        }
        while (unsentDdl != null) {
            PendingDdl ddl = unsentDdl;
            append(new StreamEvent.DdlExecuted(origin, ddl.epochMillis, ddl.dataSource, ddl.shapeId, ddl.text));
            unsentDdl = pendingDdl.poll();
        }
    }

    private void shipInterval(ShapeStats stats) {
        long shapeId = stats.shape().id();
        long now = System.currentTimeMillis();
        ShapeStats.Drained drained = stats.takeUnshippedInterval();
        Histogram interval = drained.latencies();
        try {
            long[] previous = shippedErrorsAndRows.computeIfAbsent(shapeId, id -> new long[2]);
            long errors = drained.errors();
            long rows = drained.rows();
            if (interval.getTotalCount() == 0 && errors == previous[0] && rows == previous[1]) {
                return;
            }
            String dataSource = dataSourceByShape.getOrDefault(shapeId, "unknown");
            if (!shippedShapes.contains(shapeId)) {
                append(new StreamEvent.ShapeSeen(origin, now, dataSource, shapeId, stats.shape().kind(),
                        stats.shape().text()));
                shippedShapes.add(shapeId);
            }
            append(new StreamEvent.ShapeInterval(origin, now, dataSource, shapeId, now - flushMillis,
                    errors - previous[0], rows - previous[1], compress(interval)));
            previous[0] = errors;
            previous[1] = rows;
        } catch (RuntimeException | Error unwritten) {
            // Back into the shape, so the next successful flush ships it: the collector's totals stay exact.
            stats.restoreUnshipped(interval);
            throw unwritten;
        }
    }

    private byte[] compress(Histogram interval) {
        int needed = interval.getNeededByteBufferCapacity();
        if (histogramBuffer.capacity() < needed) {
            histogramBuffer = ByteBuffer.allocate(needed);
        }
        histogramBuffer.clear();
        int length = interval.encodeIntoCompressedByteBuffer(histogramBuffer);
        return Arrays.copyOf(histogramBuffer.array(), length);
    }

    private void shipFindings() {
        if (!(findings instanceof Deduplicator deduplicator)) {
            return;
        }
        List<Finding> current = deduplicator.current();
        for (Finding finding : current) {
            String version = finding.occurrences() + "|" + finding.count() + "|" + finding.lastSeen();
            if (version.equals(shippedFindings.get(finding.key()))) {
                continue;
            }
            try {
                byte[] line = FindingsFileFormat.toLine(finding);
                String json = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
                append(new StreamEvent.FindingReported(origin, System.currentTimeMillis(), json));
                shippedFindings.put(finding.key(), version);
            } catch (java.io.IOException unwritable) {
                faults.report("stream", unwritable);
            }
        }
    }

    private void append(StreamEvent event) {
        queue.append(EventCodec.encode(event));
        eventsWritten.increment();
    }

    private record PendingDdl(long shapeId, String text, String dataSource, long epochMillis) {
    }
}
