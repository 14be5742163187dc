package io.querylens;

import io.querylens.driver.LensEngine;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.config.QueryLensConfigException;
import io.querylens.driver.detect.nplusone.Allowance;
import io.querylens.driver.detect.nplusone.UnitOfWork;
import io.querylens.driver.finding.Deduplicator;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ShapeSnapshot;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.sink.ConfiguredSinks;
import io.querylens.driver.sink.FindingListener;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * QueryLens's public entry point and its one registry: the engine that every {@code jdbc:querylens:} connection, every
 * {@link QueryLensDataSource} and the javaagent share in this JVM, built on first use from system properties,
 * {@code QUERYLENS_*} environment variables and {@code querylens.properties}.
 *
 * <p>Thread-safe. {@link #configure} replaces the engine for connections opened afterwards; connections already open
 * keep the engine they were opened with.
 */
public final class QueryLens {
    private static volatile LensEngine engine;
    /** Listeners outlive engines: {@link #configure} keeps them. */
    private static final List<FindingListener> LISTENERS = new CopyOnWriteArrayList<>();

    private QueryLens() {
    }

    /** The shared engine, built from the environment's configuration on first use. */
    public static LensEngine engine() {
        LensEngine current = engine;
        if (current == null) {
            synchronized (QueryLens.class) {
                current = engine;
                if (current == null) {
                    current = newEngine(QueryLensConfig.load());
                    engine = current;
                }
            }
        }
        return current;
    }

    /**
     * The engine for a new connection. A configuration error is the one loud failure QueryLens has: it surfaces at
     * the first connection, as the {@link SQLException} that {@code connect} callers expect, naming every bad key.
     */
    public static LensEngine engineForConnect() throws SQLException {
        try {
            return engine();
        } catch (QueryLensConfigException invalid) {
            throw new SQLException(invalid.getMessage(), "08001", invalid);
        }
    }

    /** Replaces the shared engine with one built from {@code config} (for tests, demos and programmatic setup). */
    public static synchronized LensEngine configure(QueryLensConfig config) {
        LensEngine previous = engine;
        engine = newEngine(config);
        if (previous != null) {
            previous.close();
        }
        return engine;
    }

    /** Current statistics of every query shape, busiest (by total time) first. */
    public static List<ShapeSnapshot> shapes() {
        List<ShapeSnapshot> snapshots = new ArrayList<>();
        for (ShapeStats stats : engine().shapes().all()) {
            snapshots.add(stats.snapshot());
        }
        snapshots.sort(Comparator.comparingLong(ShapeSnapshot::totalMicros).reversed());
        return snapshots;
    }

    /**
     * The findings reported so far by the current engine, deduplicated (one per kind, fingerprint and call site,
     * with merged counts). Waits for findings already reported to be processed.
     */
    public static List<Finding> findings() {
        Deduplicator findings = (Deduplicator) engine().findings();
        findings.flush();
        return findings.current();
    }

    /**
     * Calls {@code listener} with every new or grown finding, on QueryLens's background thread. A listener that
     * throws is reported once and does not affect other listeners or the application.
     */
    public static void addFindingListener(FindingListener listener) {
        LISTENERS.add(listener);
    }

    public static void removeFindingListener(FindingListener listener) {
        LISTENERS.remove(listener);
    }

    /** Hands every finding reported so far to the sinks (log, findings file, listeners) now. */
    public static void flush() {
        ((Deduplicator) engine().findings()).flush();
    }

    /**
     * Waits, up to {@code timeout} in all, for the detectors' background analysis (plans, catalog reads) of what was
     * executed so far, then flushes findings to the sinks. Returns false when analysis was still running at the
     * deadline. For tests, demos and reports; the statement path never waits.
     */
    public static boolean awaitAnalysis(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean idle = true;
        for (io.querylens.driver.detect.Detector detector : engine().detectors()) {
            long left = Math.max(0, deadline - System.nanoTime());
            idle &= detector.awaitIdle(java.time.Duration.ofNanos(left));
        }
        flush();
        return idle;
    }

    /**
     * Opens a unit of work on the current thread: repeated queries inside it are counted together, and its N+1
     * findings are reported when it closes. {@code try (var work = QueryLens.unitOfWork("checkout")) { … }}. Pass it
     * to other threads with {@link UnitOfWork#wrap(Runnable)} or {@link UnitOfWork#attach()}.
     */
    public static UnitOfWork unitOfWork(String name) {
        return UnitOfWork.open(name);
    }

    /**
     * Accepts known N+1 / repeated-query cases: as a scope on this thread ({@code try (var a =
     * QueryLens.allow(FindingKind.N_PLUS_ONE)) { … }}), or JVM-wide for a shape or call site
     * ({@code QueryLens.allow(FindingKind.N_PLUS_ONE).forShape(fingerprint)}, {@code .forCallSite(prefix)}).
     * Accepted cases are counted as suppressed, not reported. No kinds means both repeated-query kinds.
     */
    public static Allowance allow(FindingKind... kinds) {
        return Allowance.open(kinds);
    }

    private static LensEngine newEngine(QueryLensConfig config) {
        Faults faults = new Faults();
        FindingListener toCurrentListeners = finding -> {
            for (FindingListener listener : LISTENERS) {
                try {
                    listener.onFinding(finding);
                } catch (Throwable failure) {
                    faults.report("finding listener " + listener.getClass().getName(), failure);
                }
            }
        };
        List<FindingListener> listeners = discoveredListeners(faults);
        listeners.add(toCurrentListeners);
        Deduplicator findings = Deduplicator.create(config, ConfiguredSinks.create(config, faults, listeners), faults);
        return new LensEngine(config, faults, findings);
    }

    /**
     * Listeners named in {@code META-INF/services/io.querylens.driver.sink.FindingListener}, for setups that cannot
     * call {@link #addFindingListener} early enough (a library, the javaagent). One that cannot be loaded is reported
     * once and skipped: a broken listener never stops QueryLens, let alone the application.
     */
    private static List<FindingListener> discoveredListeners(Faults faults) {
        List<FindingListener> found = new ArrayList<>();
        try {
            Iterator<FindingListener> providers =
                    ServiceLoader.load(FindingListener.class, QueryLens.class.getClassLoader()).iterator();
            for (int attempts = 0; attempts < 1_000; attempts++) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    found.add(providers.next());
                } catch (ServiceConfigurationError broken) {
                    faults.report("finding listener discovery", broken);
                }
            }
        } catch (Throwable unexpected) {
            faults.report("finding listener discovery", unexpected);
        }
        return found;
    }
}
