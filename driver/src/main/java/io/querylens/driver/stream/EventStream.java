package io.querylens.driver.stream;

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
import io.querylens.driver.sql.StatementKind;
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
 * When the queue cannot be opened or written (Chronicle missing, JVM flags missing, no permission, disk full) this
 * says so once through {@link Faults#warnOnce} and stops streaming; detection and in-process reporting go on.
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
    /**
     * How long the thread that builds the engine (at the first connection) waits for the queue to open. Chronicle
     * registers shutdown hooks while it starts, which the JVM refuses once it is exiting: a process that connects,
     * runs a few statements and exits before the queue is open would lose its events. Opening takes ~250 ms of CPU;
     * a disk that takes longer costs the first connection this much at most, never a statement.
     */
    private static final long OPEN_WAIT_MILLIS = 2_000;

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

    @Override
    public void onExecution(Execution execution) {
        // DDL is rare (migrations, schema tools), so allocating its small record here is acceptable.
        if (execution.shape().kind() == StatementKind.DDL && !execution.failed() && !closed) {
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
        boolean open;
        try {
            open = openQueue();
        } finally {
            queueOpenedOrFailed.countDown();
        }
        if (!open) {
            return;
        }
        try {
            append(new StreamEvent.ProcessStarted(origin, System.currentTimeMillis(), ProcessIdentity.version()));
            long nextFlush = System.currentTimeMillis() + flushMillis;
            while (!closed) {
                try {
                    PendingDdl ddl = pendingDdl.poll(DDL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (ddl != null) {
                        shipDdl(ddl);
                    }
                } catch (InterruptedException wakeUp) {
                    // close() interrupts: fall through to the final flush.
                }
                if (System.currentTimeMillis() >= nextFlush) {
                    shipAll();
                    queue.enforceRetention();
                    nextFlush = System.currentTimeMillis() + flushMillis;
                }
            }
            Thread.interrupted();
            shipAll();
        } catch (Throwable failed) {
            faults.warnOnce("stream-write", "QueryLens stopped streaming events to "
                    + config.string(ConfigKey.QUEUE_DIR) + " (" + failed + "); findings and statistics stay "
                    + "available in this process, the collector will miss this process from now on.");
            faults.report("stream", failed);
        } finally {
            try {
                queue.close();
            } catch (Throwable ignored) {
                // Closing a broken queue may fail again; nothing more to do.
            }
        }
    }

    private boolean openQueue() {
        if (jvmIsShuttingDown()) {
            // An engine made as the process ends (nothing to stream yet): opening Chronicle now fails inside its own
            // start-up, which adds shutdown hooks and prints a screenful to stderr.
            return false;
        }
        try {
            queue = opener.open();
            return true;
        } catch (Throwable unusable) {
            faults.warnOnce("stream-open", "QueryLens cannot stream events to "
                    + QueueDirectory.resolve(config.string(ConfigKey.QUEUE_DIR)) + ": " + describe(unusable)
                    + ". Findings and statistics stay available in this process.");
            return false;
        }
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

    private void shipAll() {
        drainDdl();
        for (ShapeStats stats : shapes.all()) {
            shipInterval(stats);
        }
        shipFindings();
    }

    private void drainDdl() {
        PendingDdl ddl;
        while ((ddl = pendingDdl.poll()) != null) {
            shipDdl(ddl);
        }
    }

    private void shipDdl(PendingDdl ddl) {
        append(new StreamEvent.DdlExecuted(origin, ddl.epochMillis, ddl.dataSource, ddl.shapeId, ddl.text));
    }

    private void shipInterval(ShapeStats stats) {
        long shapeId = stats.shape().id();
        long now = System.currentTimeMillis();
        Histogram interval = stats.takeUnshippedInterval();
        long[] previous = shippedErrorsAndRows.computeIfAbsent(shapeId, id -> new long[2]);
        long errors = stats.errors();
        long rows = stats.rows();
        if (interval.getTotalCount() == 0 && errors == previous[0] && rows == previous[1]) {
            return;
        }
        String dataSource = dataSourceByShape.getOrDefault(shapeId, "unknown");
        if (shippedShapes.add(shapeId)) {
            append(new StreamEvent.ShapeSeen(origin, now, dataSource, shapeId, stats.shape().kind(),
                    stats.shape().text()));
        }
        append(new StreamEvent.ShapeInterval(origin, now, dataSource, shapeId, now - flushMillis,
                errors - previous[0], rows - previous[1], compress(interval)));
        previous[0] = errors;
        previous[1] = rows;
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
