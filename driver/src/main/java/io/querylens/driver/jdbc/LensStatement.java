package io.querylens.driver.jdbc;

import io.querylens.driver.LensEngine;
import io.querylens.driver.jdbc.generated.DelegatingStatement;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.ShapeStats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A plain statement, and the execution logic every statement shares. Not final: the generated prepared and callable
 * bases extend it, so the interception below is written once for all three (see DelegatingSourceGenerator).
 *
 * <p>Each execute method reads the clock twice and hands primitives to {@link LensEngine#completed}; nothing is
 * allocated per execution. The driver's exceptions are rethrown as the same instances.
 */
public class LensStatement extends DelegatingStatement {
    /** {@code elapsedNanos} for {@link #results}: the execution's latency is recorded already. */
    static final long LATENCY_RECORDED = -1;
    /** Bind hash of a statement without binds. */
    protected static final long NO_BINDS = 0L;

    protected final LensConnection connection;
    protected final LensEngine engine;
    protected final ConnectionContext context;
    /** The shape fixed at prepare time; null for a plain statement, whose shape comes with each text. */
    protected final ShapeStats preparedShape;

    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(LensStatement.class, "parked", boolean.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /** Closed and waiting in its connection's recycled slots for the driver to hand out its object again. */
    @SuppressWarnings("unused") // accessed through PARKED
    private boolean parked;

    /** Made on the first query, then reused for each result set of this statement (see {@link LensResultSet}). */
    private LensResultSet results;
    private ShapeStats lastShape;
    private ShapeStats batchShape;
    private int batchSize;

    public LensStatement(Statement delegate, LensConnection connection, ShapeStats preparedShape) {
        super(delegate);
        this.connection = connection;
        this.engine = connection.engine();
        this.context = connection.context();
        this.preparedShape = preparedShape;
    }

    /** Before an execution: a text holding DDL (in any of its statements) goes past the guard first. */
    protected final long begin(ShapeStats shape, long bindHash) throws SQLException {
        guardDdl(shape, bindHash);
        return System.nanoTime();
    }

    /** A text holding DDL (in any of its statements) goes past the DDL guard, which may refuse it by throwing. */
    private void guardDdl(ShapeStats shape, long bindHash) throws SQLException {
        if (shape.shape().containsDdl()) {
            engine.beforeDdl(context, shape, bindHash);
        }
    }

    /** A plain statement's batch was guarded statement by statement in addBatch; a prepared one is guarded here. */
    private long beginBatch(ShapeStats shape) throws SQLException {
        return preparedShape == null ? System.nanoTime() : begin(shape, NO_BINDS);
    }

    /**
     * After the driver returned or threw: {@code rows} changed, or {@link LensEngine#LATENCY_WITH_RESULTS} when the
     * result set records the latency (see {@link #results}). Returns the elapsed time.
     */
    protected final long end(ShapeStats shape, long startNanos, long bindHash, int batch, Throwable failure,
                             long rows) {
        // With G1, a reference store into an old object (a reused wrapper is one) that points into another region costs
        // a fence; the wrappers on the execution path store a reference only when it changes (as Execution#fill does).
        if (lastShape != shape) {
            lastShape = shape;
        }
        return engine.completed(context, shape, startNanos, bindHash, batch, failure, rows);
    }

    protected final ShapeStats shapeOf(String sql) {
        return engine.statsForSql(sql, context);
    }

    /**
     * Wraps a result set of this statement; reuses one wrapper (see {@link LensResultSet}). {@code elapsedNanos}: the
     * execution's time, which the wrapper records with the rows read once the application is done with it (negative
     * when already recorded). A wrapper left open is done with now: running its statement again closed its result set.
     */
    protected final ResultSet results(ResultSet delegateResults, ShapeStats shape, long elapsedNanos) {
        LensResultSet wrapper = results;
        if (wrapper != null && !wrapper.reusable()) {
            wrapper.superseded();
        }
        if (delegateResults == null) {
            if (elapsedNanos >= 0) {
                engine.resultsDone(context, shape, elapsedNanos, 0);
            }
            return null;
        }
        if (wrapper == null || !wrapper.reusable()) {
            wrapper = new LensResultSet(this);
            results = wrapper;
        }
        return wrapper.pointAt(delegateResults, shape, elapsedNanos);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        ShapeStats shape = shapeOf(sql);
        long start = begin(shape, NO_BINDS);
        ResultSet rs;
        try {
            rs = delegate.executeQuery(sql);
        } catch (Throwable failure) {
            end(shape, start, NO_BINDS, 0, failure, 0);
            throw failure;
        }
        return results(rs, shape, end(shape, start, NO_BINDS, 0, null, LensEngine.LATENCY_WITH_RESULTS));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) update(sql, UPDATE, 0, null, null);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) update(sql, UPDATE_KEYS, autoGeneratedKeys, null, null);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return (int) update(sql, UPDATE_INDEXES, 0, columnIndexes, null);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) update(sql, UPDATE_NAMES, 0, null, columnNames);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(sql, LARGE_UPDATE, 0, null, null);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update(sql, LARGE_UPDATE_KEYS, autoGeneratedKeys, null, null);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return update(sql, LARGE_UPDATE_INDEXES, 0, columnIndexes, null);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return update(sql, LARGE_UPDATE_NAMES, 0, null, columnNames);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return execute(sql, EXECUTE, 0, null, null);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql, EXECUTE_KEYS, autoGeneratedKeys, null, null);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql, EXECUTE_INDEXES, 0, columnIndexes, null);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql, EXECUTE_NAMES, 0, null, columnNames);
    }

    // Which overload of the driver's method to call. A switch rather than a lambda per call: lambdas capturing the
    // arguments would allocate on every execution.
    private static final int UPDATE = 0;
    private static final int UPDATE_KEYS = 1;
    private static final int UPDATE_INDEXES = 2;
    private static final int UPDATE_NAMES = 3;
    private static final int LARGE_UPDATE = 4;
    private static final int LARGE_UPDATE_KEYS = 5;
    private static final int LARGE_UPDATE_INDEXES = 6;
    private static final int LARGE_UPDATE_NAMES = 7;
    private static final int EXECUTE = 8;
    private static final int EXECUTE_KEYS = 9;
    private static final int EXECUTE_INDEXES = 10;
    private static final int EXECUTE_NAMES = 11;

    private long update(String sql, int overload, int keys, int[] indexes, String[] names) throws SQLException {
        ShapeStats shape = shapeOf(sql);
        long start = begin(shape, NO_BINDS);
        long count;
        try {
            switch (overload) {
                case UPDATE: count = delegate.executeUpdate(sql); break;
                case UPDATE_KEYS: count = delegate.executeUpdate(sql, keys); break;
                case UPDATE_INDEXES: count = delegate.executeUpdate(sql, indexes); break;
                case UPDATE_NAMES: count = delegate.executeUpdate(sql, names); break;
                case LARGE_UPDATE: count = delegate.executeLargeUpdate(sql); break;
                case LARGE_UPDATE_KEYS: count = delegate.executeLargeUpdate(sql, keys); break;
                case LARGE_UPDATE_INDEXES: count = delegate.executeLargeUpdate(sql, indexes); break;
                default: count = delegate.executeLargeUpdate(sql, names); break;
            }
        } catch (Throwable failure) {
            end(shape, start, NO_BINDS, 0, failure, 0);
            throw failure;
        }
        end(shape, start, NO_BINDS, 0, null, count);
        return count;
    }

    private boolean execute(String sql, int overload, int keys, int[] indexes, String[] names) throws SQLException {
        ShapeStats shape = shapeOf(sql);
        long start = begin(shape, NO_BINDS);
        boolean hasResults;
        try {
            switch (overload) {
                case EXECUTE: hasResults = delegate.execute(sql); break;
                case EXECUTE_KEYS: hasResults = delegate.execute(sql, keys); break;
                case EXECUTE_INDEXES: hasResults = delegate.execute(sql, indexes); break;
                default: hasResults = delegate.execute(sql, names); break;
            }
        } catch (Throwable failure) {
            end(shape, start, NO_BINDS, 0, failure, 0);
            throw failure;
        }
        end(shape, start, NO_BINDS, 0, null, 0);
        return hasResults;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        ShapeStats shape = shapeOf(sql);
        // Each statement of a plain batch is guarded as it is added, so a DROP behind an INSERT in one batch is
        // refused before it reaches the driver's batch; executeBatch then checks nothing again.
        guardDdl(shape, NO_BINDS);
        delegate.addBatch(sql);
        batched(shape); // a mixed batch is timed under its first statement's shape
    }

    /** Counts one more statement in the batch that {@link #executeBatch} will time under {@code shape}. */
    protected final void batched(ShapeStats shape) {
        if (batchShape == null) {
            batchShape = shape;
        }
        batchSize++;
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        batchShape = null;
        batchSize = 0;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        ShapeStats shape = batchShape;
        int size = batchSize;
        batchShape = null;
        batchSize = 0;
        if (shape == null) {
            return delegate.executeBatch();
        }
        long start = beginBatch(shape);
        int[] counts;
        try {
            counts = delegate.executeBatch();
        } catch (Throwable failure) {
            end(shape, start, NO_BINDS, size, failure, 0);
            throw failure;
        }
        end(shape, start, NO_BINDS, size, null, 0);
        return counts;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        ShapeStats shape = batchShape;
        int size = batchSize;
        batchShape = null;
        batchSize = 0;
        if (shape == null) {
            return delegate.executeLargeBatch();
        }
        long start = beginBatch(shape);
        long[] counts;
        try {
            counts = delegate.executeLargeBatch();
        } catch (Throwable failure) {
            end(shape, start, NO_BINDS, size, failure, 0);
            throw failure;
        }
        end(shape, start, NO_BINDS, size, null, 0);
        return counts;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet rs = delegate.getResultSet();
        if (rs == null) {
            return null;
        }
        LensResultSet wrapper = results;
        if (wrapper != null && wrapper.wraps(rs)) {
            return wrapper; // stable identity: the same wrapper while the driver's result set is unchanged
        }
        return results(rs, lastShape, LATENCY_RECORDED);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        // Generated keys come from the driver's own statement; a separate wrapper, since the app may read both.
        ResultSet keys = delegate.getGeneratedKeys();
        return keys == null ? null : new LensResultSet(this).pointAt(keys, null, LATENCY_RECORDED);
    }

    @Override
    public Connection getConnection() throws SQLException {
        delegate.getConnection(); // the driver's closed-statement exception, if any
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            if (results != null) {
                results.statementClosed();
            }
            connection.recycle(this);
        }
    }

    /** Closed, and free for its connection to hand out again (release: the closing thread may not be the preparing one). */
    final void park() {
        PARKED.setRelease(this, true);
    }

    final void unpark() {
        PARKED.setRelease(this, false);
    }

    final boolean parked() {
        return (boolean) PARKED.getAcquire(this);
    }

    /** True when this wrapper's driver statement is {@code raw} and it was made for {@code shape}. */
    final boolean canWrap(Statement raw, ShapeStats shape) {
        return delegate == raw && preparedShape == shape;
    }

    /**
     * Makes a closed wrapper usable again, because the driver handed out its (cached) statement object again: from
     * here on this wrapper is exactly as fresh as the driver's object is.
     */
    protected void reopen() {
        batchShape = null;
        batchSize = 0;
        // A prepared wrapper's last shape can only be its own, which it keeps: clearing it here would make the next
        // execution store it again, and a reference store costs G1 a fence (see end).
        if (preparedShape == null) {
            lastShape = null;
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
