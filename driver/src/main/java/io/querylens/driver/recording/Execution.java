package io.querylens.driver.recording;

import io.querylens.driver.sql.QueryShape;

/**
 * One statement execution, as every detector sees it. Thread-confined and reused: each application thread owns one
 * instance, refilled for every execution, so recording allocates nothing. A detector copies the primitives it needs
 * and never keeps a reference to this object past the call it received it in.
 */
public final class Execution {
    /** The thread this record belongs to (see {@link ConnectionContext#execution}). */
    private final Thread owner = Thread.currentThread();
    private QueryShape shape;
    private ShapeStats stats;
    private ConnectionContext connection;
    private long startNanos;
    private long elapsedNanos;
    private long bindHash;
    private int batchSize;
    private Throwable failure;
    /**
     * Thread-confined state of the N+1 detector for this record's thread, cached here so that an execution costs one
     * {@link ThreadLocal} lookup (the engine's, for this record) rather than two. Typed loosely: the detector's type is
     * not visible from this package, and only that detector reads or writes it.
     */
    private Object nPlusOneThreadState;
    /** This thread's latency buffer in {@link #latencyLog} (see {@link LatencyLog}); made at the first execution. */
    private LatencyBuffer latencyBuffer;
    private LatencyLog latencyLog;

    /** Refills this record; called by the engine only. */
    public void fill(QueryShape shape, ShapeStats stats, ConnectionContext connection, long startNanos,
                     long elapsedNanos, long bindHash, int batchSize, Throwable failure) {
        // A reference store costs a GC write barrier (with G1, a fence in an old object); a loop of one shape on
        // one connection stores the same references every time, so compare first.
        if (this.shape != shape) {
            this.shape = shape;
        }
        if (this.stats != stats) {
            this.stats = stats;
        }
        if (this.connection != connection) {
            this.connection = connection;
        }
        this.startNanos = startNanos;
        this.elapsedNanos = elapsedNanos;
        this.bindHash = bindHash;
        this.batchSize = batchSize;
        this.failure = failure;
    }

    /**
     * Drops the exception once dispatch is over, so a reused record does not keep it (and what it references) alive.
     * The shape, stats and connection stay until the next execution overwrites them: shapes and stats live as long as
     * the engine anyway, a connection's context is small, and each reference store costs a GC write barrier on the
     * application's thread.
     */
    public void clear() {
        if (failure != null) {
            failure = null;
        }
    }

    /** This thread's buffer in {@code log}, or null when it has none there yet. */
    LatencyBuffer latencyBuffer(LatencyLog log) {
        return latencyLog == log ? latencyBuffer : null;
    }

    void latencyBuffer(LatencyLog log, LatencyBuffer buffer) {
        this.latencyLog = log;
        this.latencyBuffer = buffer;
    }

    /** True on the thread this record was made for: the only thread that may fill it. */
    boolean ownedByCurrentThread() {
        return owner == Thread.currentThread();
    }

    public Object nPlusOneThreadState() { return nPlusOneThreadState; }
    public void nPlusOneThreadState(Object state) { this.nPlusOneThreadState = state; }

    public QueryShape shape() { return shape; }
    public ShapeStats stats() { return stats; }
    public ConnectionContext connection() { return connection; }
    public long startNanos() { return startNanos; }
    public long elapsedNanos() { return elapsedNanos; }

    /**
     * A hash of the bind values set for this execution (order-independent per parameter index); 0 for a plain
     * statement without binds. Equal values give equal hashes; the values themselves are never kept.
     */
    public long bindHash() { return bindHash; }

    /** Number of statements in an {@code executeBatch}, 0 when this is not a batch. */
    public int batchSize() { return batchSize; }

    public boolean isBatch() { return batchSize > 0; }

    public boolean failed() { return failure != null; }

    /** The exception the driver threw, or null. */
    public Throwable failure() { return failure; }
}
