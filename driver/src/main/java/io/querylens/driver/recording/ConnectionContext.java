package io.querylens.driver.recording;

import io.querylens.driver.sql.Dialect;

/**
 * What QueryLens knows about one application connection: where it points and which transaction it is in. Written by
 * the connection's wrapper on the thread using the connection (JDBC connections are not shared by concurrent
 * threads), read by detectors on that same thread, so the fields are plain.
 */
public final class ConnectionContext {
    private final String dataSource;
    private final Dialect dialect;
    private final long connectionId;
    private final AnalysisConnections analysisConnections;
    private final RecentSqlTexts recentTexts = new RecentSqlTexts();
    private boolean autoCommit = true;
    private long transactionSequence;
    /**
     * The execution record of the thread that used this connection last. Plain and racy by design: a connection used
     * by several threads may hand a thread another thread's record here, which {@link #execution} turns away.
     */
    private Execution lastExecution;

    public ConnectionContext(String dataSource, Dialect dialect, long connectionId,
                             AnalysisConnections analysisConnections) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.connectionId = connectionId;
        this.analysisConnections = analysisConnections;
    }

    /**
     * The calling thread's reused execution record, from {@code perThread}. A connection is used by one thread at a
     * time, so the record of the thread that used it last is nearly always the caller's: one field read and an owner
     * check instead of a {@link ThreadLocal} lookup per execution (~4 ns on one thread, ~7 at 32 threads on 2 cores,
     * where threads' lookup tables are colder). Keeps at most one ended thread's record alive per connection.
     */
    public Execution execution(ThreadLocal<Execution> perThread) {
        Execution last = lastExecution;
        if (last != null && last.ownedByCurrentThread()) {
            return last;
        }
        Execution mine = perThread.get();
        lastExecution = mine;
        return mine;
    }

    /** The shapes of the texts this connection used lately (see {@link RecentSqlTexts}). */
    public RecentSqlTexts recentTexts() {
        return recentTexts;
    }

    /** Opens separate connections for background analysis; never the application's connection. */
    public AnalysisConnections analysisConnections() {
        return analysisConnections;
    }

    /** The URL the connection was opened with, without user, password or other secrets. */
    public String dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Unique per connection within this JVM. */
    public long connectionId() {
        return connectionId;
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    public void autoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    /** Grows by one at every commit or rollback: an explicit transaction is (connectionId, transactionSequence). */
    public long transactionSequence() {
        return transactionSequence;
    }

    public void transactionEnded() {
        transactionSequence++;
    }

    /** True while an explicit transaction (autocommit off) is open. */
    public boolean inTransaction() {
        return !autoCommit;
    }
}
