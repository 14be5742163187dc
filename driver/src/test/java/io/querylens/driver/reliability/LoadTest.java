package io.querylens.driver.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.QueryLens;
import io.querylens.driver.LensEngine;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.nplusone.NPlusOneDetector;
import io.querylens.driver.detect.nplusone.UnitOfWork;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Deduplicator;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.jdbc.ConnectionWrapper;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.recording.ShapeSnapshot;
import io.querylens.driver.sink.RecordingLog;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, "Load": 200 application threads over a HikariCP pool of 20 {@code jdbc:querylens:} connections on
 * embedded PostgreSQL for a sustained run ({@code -Dquerylens.reliability.loadSeconds}, default 20). Every execution
 * is also counted with a plain {@link LongAdder} per shape, each thread's units of work carry an N+1 of a length only
 * that thread uses, and a JFR recording watches for application threads blocked inside QueryLens.
 */
class LoadTest {
    private static final int THREADS = 200;
    private static final int POOL = 20;
    private static final int PLAIN_SHAPES = 20;
    private static final int WARM_UP_SECONDS = 3;
    private static final String PARENTS = "select id from load_parents order by id limit ?";
    private static final String CHILD = "select v from load_children where parent_id = ?";
    private static TestDatabase database;

    @TempDir
    Path work;

    @BeforeAll
    static void tables() throws SQLException {
        database = TestDatabases.postgres().freshSchema("load_test");
        try (Connection admin = database.open(); Statement statement = admin.createStatement()) {
            statement.execute("create table load_parents (id int primary key)");
            statement.execute("insert into load_parents select g from generate_series(1, 100) g");
            statement.execute("create table load_children (id int primary key, parent_id int not null, v int)");
            statement.execute("insert into load_children select g, 1 + g % 100, g from generate_series(1, 1000) g");
            statement.execute("create index load_children_parent on load_children (parent_id)");
        }
    }

    /** Thread t's N+1 length: 5 to 24, so a count that leaked between units would show. */
    private static int loopLength(int thread) {
        return 5 + thread % 20;
    }

    private static String plainShape(int k) {
        return "select v as c" + k + " from load_children where id = ?";
    }

    @Test
    void twoHundredThreadsOverAPoolOfTwentyLoseNoCountAndEachUnitOfWorkGetsItsOwnNPlusOne() throws Exception {
        int seconds = Integer.getInteger("querylens.reliability.loadSeconds", 20);
        LensEngine engine = QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build());
        // Lock-free: the detector calls observers on application threads, and a lock here would be the test's own.
        Queue<Finding> reports = new ConcurrentLinkedQueue<>();
        NPlusOneDetector.of(engine).addObserver(reports::add);
        Map<String, LongAdder> counted = new ConcurrentHashMap<>();
        Map<String, Long> expectedUnits = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.querylensUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(POOL);
        config.setConnectionTimeout(120_000);
        Path jfr = work.resolve("load.jfr");
        try (HikariDataSource pool = new HikariDataSource(config); Recording recording = contentionRecording()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds + WARM_UP_SECONDS).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    try {
                        for (int round = 0; System.nanoTime() < deadline; round++) {
                            String unit = "load-" + thread + "-" + round;
                            unitWithNPlusOne(pool, unit, loopLength(thread), counted);
                            expectedUnits.put("unit of work: " + unit, (long) loopLength(thread));
                            plainStatements(pool, thread, round, counted);
                        }
                    } catch (Throwable failure) {
                        failed.compareAndSet(null, failure);
                    }
                }, "load-worker-" + t));
            }
            threads.forEach(Thread::start);
            // Not recorded: 200 threads loading the same classes at once wait on class-loading locks, once.
            Thread.sleep(Duration.ofSeconds(WARM_UP_SECONDS).toMillis());
            recording.start();
            for (Thread thread : threads) {
                thread.join();
            }
            recording.stop();
            recording.dump(jfr);
        }
        assertThat(failed.get()).as("no statement failed").isNull();

        Map<String, Long> recordedByFingerprint = new HashMap<>();
        for (ShapeSnapshot shape : QueryLens.shapes()) {
            recordedByFingerprint.put(shape.fingerprint(), shape.executions());
            assertThat(shape.errors()).as(shape.sql()).isZero();
        }
        long total = 0;
        for (Map.Entry<String, LongAdder> shape : counted.entrySet()) {
            String fingerprint = Fingerprinter.fingerprint(shape.getKey(), Dialect.POSTGRESQL).hexId();
            assertThat(recordedByFingerprint.get(fingerprint)).as("executions of %s", shape.getKey())
                    .isEqualTo(shape.getValue().sum());
            total += shape.getValue().sum();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> unitReports(reports).size() >= expectedUnits.size());
        Map<String, Long> countsByUnit = new HashMap<>();
        for (Finding finding : unitReports(reports)) {
            assertThat(finding.kind()).isEqualTo(FindingKind.N_PLUS_ONE);
            assertThat(finding.fingerprint()).isEqualTo(Fingerprinter.fingerprint(CHILD, Dialect.POSTGRESQL).hexId());
            assertThat(countsByUnit.put((String) finding.details().get("unitOfWork"), finding.count()))
                    .as("one report per unit").isNull();
        }
        assertThat(countsByUnit).isEqualTo(expectedUnits);

        Contention contention = Contention.in(jfr, "load-worker-");
        System.out.printf("load: %d threads, pool %d, %d s: %d executions over %d shapes exact, %d units of work each "
                        + "with its own N+1 count; JFR: %d monitor-enter and %d park events >= 1 ms on application "
                        + "threads, %d with QueryLens on top%n", THREADS, POOL, seconds, total, counted.size(),
                expectedUnits.size(), contention.monitorEnters(), contention.parks(), contention.inQueryLens().size());
        assertThat(contention.parks()).as("the recording saw the pool's waits, so it would see ours").isPositive();
        assertThat(contention.inQueryLens()).as("application threads blocked with QueryLens on top").isEmpty();
    }

    @Test
    void aHundredThousandDistinctShapesStayWithinTheShapeBoundAndTheFoldIsReportedOnce() throws Exception {
        int distinct = 100_000;
        int threads = 4;
        RecordingLog log = new RecordingLog();
        Faults faults = new Faults(log);
        QueryLensConfig config = QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build();
        int maxShapes = config.integer(ConfigKey.SHAPES_MAX);
        long heapBefore = usedHeap();
        try (LensEngine engine = new LensEngine(config, faults, Deduplicator.create(config, List.of(), faults))) {
            List<Thread> workers = new ArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.add(new Thread(() -> {
                    try (Connection connection = ConnectionWrapper.wrap(database.open(), engine, database.jdbcUrl(),
                            database::open); Statement statement = connection.createStatement()) {
                        for (int k = first; k < distinct; k += threads) {
                            // A literal and a distinct alias: what an application building SQL by hand produces.
                            statement.execute("select " + k + " as c" + k);
                        }
                    } catch (Throwable failure) {
                        failed.compareAndSet(null, failure);
                    }
                }, "shapes-" + t));
            }
            workers.forEach(Thread::start);
            for (Thread worker : workers) {
                worker.join();
            }
            assertThat(failed.get()).isNull();

            ShapeRegistry shapes = engine.shapes();
            assertThat(shapes.size()).as("tracked shapes stop at querylens.shapes.max").isEqualTo(maxShapes);
            assertThat(shapes.foldedShapes()).isEqualTo(distinct - maxShapes);
            ShapeSnapshot other = shapes.find(ShapeRegistry.OTHER_SHAPE.id()).snapshot();
            assertThat(other.executions()).as("folded shapes still counted").isEqualTo(distinct - maxShapes);
            assertThat(shapes.all().stream().mapToLong(s -> s.snapshot().executions()).sum()).isEqualTo(distinct);
            assertThat(log.warningsAndErrors()).filteredOn(w -> w.contains("query shapes")).singleElement().asString()
                    .contains("tracking " + maxShapes + " query shapes", "querylens.shapes.max",
                            ShapeRegistry.OTHER_SHAPE.hexId());
            long heapAfter = usedHeap();
            System.out.printf("%d distinct shapes: %d tracked, %d folded into 'other' (%d executions), heap used "
                            + "%d MB before, %d MB after (after GC)%n", distinct, shapes.size(),
                    shapes.foldedShapes(), other.executions(), heapBefore >> 20, heapAfter >> 20);
            // ~18 KB a tracked shape in histograms (a 13.5 KB int-count interval, two small packed totals) and ~27 KB
            // measured with its texts and cache entries; the bound is loose so that what the GC leaves behind does not
            // matter, and tight enough to catch a return to the ~57 KB of two atomic histograms per shape.
            assertThat(heapAfter - heapBefore).as("heap grown for %d tracked shapes", maxShapes)
                    .isLessThan(maxShapes * 50L * 1024);
        }
    }

    private static long usedHeap() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static List<Finding> unitReports(Queue<Finding> reports) {
        return reports.stream().filter(f -> String.valueOf(f.details().get("unitOfWork"))
                .startsWith("unit of work: load-")).toList();
    }

    private static void unitWithNPlusOne(HikariDataSource pool, String name, int length, Map<String, LongAdder> counted)
            throws SQLException {
        try (UnitOfWork unit = QueryLens.unitOfWork(name); Connection connection = pool.getConnection()) {
            List<Integer> parents = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(PARENTS)) {
                select.setInt(1, length);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        parents.add(rows.getInt(1));
                    }
                }
            }
            count(counted, PARENTS);
            for (int parent : parents) {
                childrenOf(connection, parent);
                count(counted, CHILD);
            }
        }
    }

    private static void childrenOf(Connection connection, int parent) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CHILD)) {
            select.setInt(1, parent);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    rows.getInt(1);
                }
            }
        }
    }

    private static void plainStatements(HikariDataSource pool, int thread, int round, Map<String, LongAdder> counted)
            throws SQLException {
        try (Connection connection = pool.getConnection()) {
            for (int i = 0; i < 3; i++) {
                String sql = plainShape((thread + round + i) % PLAIN_SHAPES);
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setInt(1, 1 + (thread * 7 + round) % 1000);
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                    }
                }
                count(counted, sql);
            }
        }
    }

    private static void count(Map<String, LongAdder> counted, String sql) {
        counted.computeIfAbsent(sql, s -> new LongAdder()).increment();
    }

    private static Recording contentionRecording() {
        Recording recording = new Recording();
        recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
        return recording;
    }

    /**
     * Blocking events of one family of threads, and those whose first frame outside the JDK is QueryLens's: a lock
     * or a wait of ours that the application would feel. Frames of java.*, jdk.* and sun.* are skipped because every
     * park ends in LockSupport and every monitor wait in the JDK's own code.
     */
    record Contention(long monitorEnters, long parks, List<String> inQueryLens) {
        static Contention in(Path jfr, String threadPrefix) throws Exception {
            long monitorEnters = 0;
            long parks = 0;
            List<String> ours = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
                if (event.getThread() == null || event.getThread().getJavaName() == null
                        || !event.getThread().getJavaName().startsWith(threadPrefix) || event.getStackTrace() == null) {
                    continue;
                }
                if (event.getEventType().getName().equals("jdk.JavaMonitorEnter")) {
                    monitorEnters++;
                } else {
                    parks++;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                for (RecordedFrame frame : frames) {
                    String type = frame.getMethod().getType().getName();
                    if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                        continue;
                    }
                    if (type.startsWith("io.querylens.") && !type.startsWith("io.querylens.driver.reliability.")) {
                        RecordedFrame top = frames.get(0);
                        ours.add(event.getEventType().getName() + " in " + top.getMethod().getType().getName() + "."
                                + top.getMethod().getName() + " from " + type + "." + frame.getMethod().getName());
                    }
                    break;
                }
            }
            return new Contention(monitorEnters, parks, ours);
        }
    }
}
