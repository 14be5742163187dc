package io.querylens.driver.recording;

import io.querylens.driver.sql.QueryShape;

/**
 * One statement execution, as every detector sees it. Thread-confined and reused: each application thread owns one
 * instance, refilled for every execution, so recording allocates nothing. A detector copies the primitives it needs
 * and never keeps a reference to this object past the call it received it in.
 */
public final class Execution {
    private QueryShape shape;
    private ShapeStats stats;
    private ConnectionContext connection;
    private long startNanos;
    private long elapsedNanos;
    private long bindHash;
    private int batchSize;
    private Throwable failure;

    /** Refills this record; called by the engine only. */
    public void fill(QueryShape shape, ShapeStats stats, ConnectionContext connection, long startNanos,
                     long elapsedNanos, long bindHash, int batchSize, Throwable failure) {
        this.shape = shape;
        this.stats = stats;
        this.connection = connection;
        this.startNanos = startNanos;
        this.elapsedNanos = elapsedNanos;
        this.bindHash = bindHash;
        this.batchSize = batchSize;
        this.failure = failure;
    }

    /** Drops references once dispatch is over, so a reused record does not keep a result or exception alive. */
    public void clear() {
        shape = null;
        stats = null;
        connection = null;
        failure = null;
    }

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
