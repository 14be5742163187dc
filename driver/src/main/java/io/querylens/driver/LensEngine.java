package io.querylens.driver;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.detect.DetectorProvider;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.internal.Log;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.recording.RecentSqlTexts;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.recording.SqlTextCache;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine behind every wrapped connection: shapes, latency recording and detector dispatch, built from one
 * {@link QueryLensConfig}. The JDBC wrappers call it on the application's thread; everything here on that path is
 * wait-free and allocation-free in steady state, and nothing it does can throw into the application (except a DDL
 * guard in block mode, by design).
 *
 * <p>Threading contract: {@link #statsForSql}, {@link #completed}, {@link #beforeDdl} and {@link #transactionEnded}
 * are called concurrently by application threads. The detector array is replaced (copy on write) only when a
 * detector is switched off after repeated faults.
 */
public final class LensEngine implements AutoCloseable {
    private static final Log LOG = Log.forName("io.querylens");

    private final QueryLensConfig config;
    private final Faults faults;
    private final ShapeRegistry shapes;
    private final SqlTextCache[] textCaches;
    /** Texts longer than this are not kept by any cache (see {@link SqlTextCache}). */
    private final int maxCachedSqlChars;
    private final FindingReporter findings;
    private final ThreadLocal<Execution> executions = ThreadLocal.withInitial(Execution::new);
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile Detector[] detectors;
    /** {@link #detectors} by {@link StatementKind} ordinal, keeping only those that watch that kind. */
    private volatile Detector[][] watchersByKind;

    public LensEngine(QueryLensConfig config, Faults faults, FindingReporter findings) {
        this.config = config;
        this.faults = faults;
        this.findings = findings;
        int maxShapes = config.integer(ConfigKey.SHAPES_MAX);
        // Logged once, on the application thread that brought the first shape too many: the fold must not be silent.
        this.shapes = new ShapeRegistry(maxShapes, () -> faults.warnOnce("shapes.folded", "QueryLens is tracking "
                + maxShapes + " query shapes (" + ConfigKey.SHAPES_MAX.key() + "); further new shapes are counted "
                + "together as one shape, fingerprint " + ShapeRegistry.OTHER_SHAPE.hexId() + " \""
                + ShapeRegistry.OTHER_SHAPE.text() + "\" (memory stays bounded). Many shapes usually mean statements "
                + "built with literals instead of bind values; otherwise raise " + ConfigKey.SHAPES_MAX.key() + "."));
        // A shape cache of size 0 means no caching of texts at all, the per-connection one included.
        this.maxCachedSqlChars = config.integer(ConfigKey.SHAPE_CACHE_SIZE) > 0
                ? config.integer(ConfigKey.SHAPE_CACHE_MAX_SQL_CHARS) : -1;
        Dialect[] dialects = Dialect.values();
        this.textCaches = new SqlTextCache[dialects.length];
        for (Dialect dialect : dialects) {
            textCaches[dialect.ordinal()] = new SqlTextCache(dialect, shapes,
                    config.integer(ConfigKey.SHAPE_CACHE_SIZE), config.integer(ConfigKey.SHAPE_CACHE_MAX_SQL_CHARS));
        }
        useDetectors(loadDetectors(new DetectorContext(config, findings, faults, shapes)));
    }

    /** Publishes a new detector set; the by-kind view is written first, so a reader never sees a removed detector. */
    private void useDetectors(Detector[] loaded) {
        StatementKind[] kinds = StatementKind.values();
        Detector[][] byKind = new Detector[kinds.length][];
        for (StatementKind kind : kinds) {
            byKind[kind.ordinal()] = Arrays.stream(loaded).filter(d -> watchesSafely(d, kind)).toArray(Detector[]::new);
        }
        watchersByKind = byKind;
        detectors = loaded;
    }

    private boolean watchesSafely(Detector detector, StatementKind kind) {
        try {
            return detector.watches(kind);
        } catch (Throwable failure) {
            faults.report("detector " + detector.name(), failure);
            return true; // when in doubt, deliver: the detector filters for itself
        }
    }

    public QueryLensConfig config() {
        return config;
    }

    public boolean enabled() {
        return config.bool(ConfigKey.ENABLED);
    }

    public ShapeRegistry shapes() {
        return shapes;
    }

    public Faults faults() {
        return faults;
    }

    public FindingReporter findings() {
        return findings;
    }

    public List<Detector> detectors() {
        return List.of(detectors);
    }

    public long nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    /**
     * The statistics of the shape of {@code sql}: at prepare time, and per plain-statement execution (a cache hit
     * there is one lookup). Announces a shape the first time any thread sees it.
     */
    public ShapeStats statsForSql(String sql, ConnectionContext connection) {
        RecentSqlTexts recent = connection.recentTexts();
        if (sql != null) {
            ShapeStats known = recent.find(sql);
            if (known != null) {
                return known;
            }
        }
        ShapeStats stats = textCaches[connection.dialect().ordinal()].statsFor(sql);
        if (stats.firstAnnouncement()) {
            announceNewShape(stats, sql, connection);
        }
        if (sql != null && sql.length() <= maxCachedSqlChars) {
            recent.remember(sql, stats); // after the announcement: a hit never needs to announce
        }
        return stats;
    }

    /** Before a DDL statement is sent; a detector may refuse it by throwing. */
    public void beforeDdl(ConnectionContext connection, ShapeStats stats, long bindHash) throws SQLException {
        Execution execution = connection.execution(executions);
        execution.fill(stats.shape(), stats, connection, System.nanoTime(), 0, bindHash, 0, null);
        try {
            for (Detector detector : detectors) {
                try {
                    detector.beforeDdl(execution);
                } catch (SQLException refused) {
                    throw refused;
                } catch (Throwable failure) {
                    detectorFailed(detector, failure);
                }
            }
        } finally {
            execution.clear();
        }
    }

    /** {@code rows} for {@link #completed}: the latency waits for the result set, see {@link #resultsDone}. */
    public static final long LATENCY_WITH_RESULTS = -1;

    /**
     * After an execution, successful or not: records its latency with the {@code rows} it changed (or, given
     * {@link #LATENCY_WITH_RESULTS}, leaves that to {@link #resultsDone}) and tells the detectors. Returns the elapsed
     * time. Never throws.
     */
    public long completed(ConnectionContext connection, ShapeStats stats, long startNanos, long bindHash,
                          int batchSize, Throwable failure, long rows) {
        long elapsedNanos = System.nanoTime() - startNanos;
        try {
            Execution execution = connection.execution(executions);
            if (rows != LATENCY_WITH_RESULTS) {
                stats.record(elapsedNanos, failure != null, rows, execution);
            }
            Detector[] current = watchersByKind[stats.shape().kind().ordinal()];
            if (current.length == 0) {
                return elapsedNanos;
            }
            execution.fill(stats.shape(), stats, connection, startNanos, elapsedNanos, bindHash, batchSize, failure);
            for (Detector detector : current) {
                try {
                    detector.onExecution(execution);
                } catch (Throwable detectorFailure) {
                    detectorFailed(detector, detectorFailure);
                }
            }
            execution.clear();
        } catch (Throwable ours) {
            faults.report("engine", ours);
        }
        return elapsedNanos;
    }

    /**
     * A query's result set is done with (closed, or its statement closed or run again): records the latency that
     * {@link #completed} left for it, together with the rows read, as one entry; or only the rows when
     * {@code elapsedNanos} is negative (its latency was recorded already). One entry instead of a latency and a row
     * counter: see {@link ShapeStats}. Never throws.
     */
    public void resultsDone(ConnectionContext connection, ShapeStats stats, long elapsedNanos, long rows) {
        try {
            Execution execution = connection.execution(executions);
            if (elapsedNanos >= 0) {
                stats.record(elapsedNanos, false, rows, execution);
            } else {
                stats.addRows(rows, execution);
            }
        } catch (Throwable ours) {
            faults.report("engine", ours);
        }
    }

    /** After commit or rollback (or an autocommit change that ended a transaction). Never throws. */
    public void transactionEnded(ConnectionContext connection) {
        try {
            connection.transactionEnded();
            for (Detector detector : detectors) {
                try {
                    detector.onTransactionEnd(connection);
                } catch (Throwable detectorFailure) {
                    detectorFailed(detector, detectorFailure);
                }
            }
        } catch (Throwable ours) {
            faults.report("engine", ours);
        }
    }

    private void announceNewShape(ShapeStats stats, String sql, ConnectionContext connection) {
        for (Detector detector : detectors) {
            try {
                detector.onNewShape(stats.shape(), sql, connection);
            } catch (Throwable detectorFailure) {
                detectorFailed(detector, detectorFailure);
            }
        }
    }

    private void detectorFailed(Detector detector, Throwable failure) {
        String component = "detector " + detector.name();
        faults.report(component, failure);
        if (faults.tooManyFailures(component)) {
            synchronized (this) {
                Detector[] current = detectors;
                Detector[] remaining = Arrays.stream(current).filter(d -> d != detector).toArray(Detector[]::new);
                if (remaining.length != current.length) {
                    useDetectors(remaining);
                    LOG.warn("QueryLens switched off detector '" + detector.name() + "' after "
                            + faults.count(component) + " internal errors; the application is not affected");
                    closeQuietly(detector);
                }
            }
        }
    }

    private Detector[] loadDetectors(DetectorContext context) {
        List<String> disabled = config.list(ConfigKey.DETECTORS_DISABLED);
        List<Detector> loaded = new ArrayList<>();
        for (DetectorProvider provider : ServiceLoader.load(DetectorProvider.class, LensEngine.class.getClassLoader())) {
            if (disabled.contains(provider.name())) {
                continue;
            }
            Detector detector = provider.create(context);
            if (detector != null) {
                loaded.add(detector);
            }
        }
        return loaded.toArray(new Detector[0]);
    }

    /** Closes the detectors, then the findings reporter (which flushes what changed to its sinks). */
    @Override
    public void close() {
        for (Detector detector : detectors) {
            closeQuietly(detector);
        }
        useDetectors(new Detector[0]);
        if (findings instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Throwable failure) {
                faults.report("findings", failure);
            }
        }
    }

    private void closeQuietly(Detector detector) {
        try {
            detector.close();
        } catch (Throwable failure) {
            faults.report("detector " + detector.name(), failure);
        }
    }
}
