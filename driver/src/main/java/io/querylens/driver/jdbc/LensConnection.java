package io.querylens.driver.jdbc;

import io.querylens.driver.LensEngine;
import io.querylens.driver.jdbc.generated.DelegatingConnection;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.ShapeStats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's connection. Intercepts statement creation (so every statement is a Lens statement carrying its
 * shape from prepare time) and transaction boundaries (units of work for the N+1 detector); everything else is
 * forwarded unchanged by {@link DelegatingConnection}.
 */
public final class LensConnection extends DelegatingConnection {
    private final LensEngine engine;
    private final ConnectionContext context;
    private LensDatabaseMetaData metaData;
    /**
     * Closed statement wrappers kept for reuse. Drivers with statement caches (MySQL Connector/J's cachePrepStmts,
     * Oracle's implicit cache, pools that cache) hand the same statement object out again after close; we then hand
     * out the same wrapper again instead of allocating one per prepare. A wrapper is reused only for the very object
     * it wrapped (and the same shape), so it is exactly as reusable as the driver's object. A slot keeps its wrapper
     * while the wrapper is in use again (flagged parked or not, see {@link LensStatement#park}), so at most this many
     * wrappers per connection outlive the application's references. Slots are read and written with acquire/release,
     * no lock and no CAS: a statement may be closed from another thread than the one preparing, and a race there can
     * only lose a wrapper (see reuse).
     */
    private final LensStatement[] recycled = new LensStatement[RECYCLED_SLOTS];
    private static final int RECYCLED_SLOTS = 4;
    /**
     * Prepares in a row that found no wrapper to reuse, after which this connection stops recycling: most drivers
     * (PostgreSQL's among them) make a new statement object per prepare, and for them recycling is all cost and no
     * gain: each prepare reads the slots' wrappers (cold, after a round trip) and each close stores into a full array
     * (a volatile store and a G1 card mark, since the array is old and the wrapper young). On PostgreSQL the saving
     * is below what A/B runs resolve here (2026-12-05, select, 200 ms pairs: one round ~0.6 µs less per select, three
     * inside a noise of about a microsecond): the change stands on the work it removes. A driver that caches
     * statements hands one back within a few closes of a loop that prepares it, which resets the count; one that first
     * prepares this many different statements in a row gets new wrappers for good, as without recycling.
     */
    static final int PREPARES_BEFORE_RECYCLING_STOPS = 256;
    /**
     * Reaching the limit stops recycling for good (nothing resets it then). Plain: a connection used by two threads at
     * once can only shift when recycling stops, never reuse wrongly.
     */
    private int preparesWithoutReuse;
    /** A plain array through a VarHandle, not an AtomicReferenceArray: one object fewer for a prepare to touch. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(LensStatement[].class);

    public LensConnection(Connection delegate, LensEngine engine, ConnectionContext context) {
        super(delegate);
        this.engine = engine;
        this.context = context;
        try {
            context.autoCommit(delegate.getAutoCommit());
        } catch (Throwable unknown) {
            // A driver that cannot tell (or a closed connection): keep the JDBC default, autocommit on.
        }
    }

    /**
     * Offers a closed wrapper for reuse. A wrapper that already holds a slot (it was reused before) is only flagged
     * parked: a reference store into this old array would cost G1 a fence per close, a boolean store does not.
     */
    void recycle(LensStatement closed) {
        if (!recyclesStatements()) {
            return;
        }
        int free = -1;
        for (int i = 0; i < RECYCLED_SLOTS; i++) {
            LensStatement held = (LensStatement) SLOT.getAcquire(recycled, i);
            if (held == closed) {
                closed.park(); // its slot is kept while it is in use: a loop of prepare and close stores no reference
                return;
            }
            if (held == null && free < 0) {
                free = i;
            }
        }
        closed.park();
        if (free >= 0) {
            // A release store, not a CAS: two threads closing into the same empty slot at once lose one wrapper
            // (the next prepare allocates), never correctness.
            SLOT.setRelease(recycled, free, closed);
        } else {
            SLOT.setVolatile(recycled, (int) (closed.hashCode() & (RECYCLED_SLOTS - 1)), closed); // full: replace one
        }
    }

    /** A parked wrapper of exactly {@code raw} for {@code shape}, of exactly {@code type}, or null. */
    private <T extends LensStatement> T reuse(Statement raw, ShapeStats shape, Class<T> type) {
        if (!recyclesStatements()) {
            return null;
        }
        for (int i = 0; i < RECYCLED_SLOTS; i++) {
            LensStatement candidate = (LensStatement) SLOT.getAcquire(recycled, i);
            if (candidate != null && candidate.parked() && candidate.getClass() == type
                    && candidate.canWrap(raw, shape)) {
                // No CAS: only the holder of raw can match this wrapper, and the driver hands a statement object to
                // one caller at a time, so no other thread claims it now. The wrapper keeps its slot while in use.
                candidate.unpark();
                candidate.reopen();
                preparesWithoutReuse = 0;
                return type.cast(candidate);
            }
        }
        if (++preparesWithoutReuse == PREPARES_BEFORE_RECYCLING_STOPS) {
            letGoOfRecycledWrappers();
        }
        return null;
    }

    /** Recycling has stopped: the slots let go of their wrappers (and the closed driver statements under them). */
    private void letGoOfRecycledWrappers() {
        for (int i = 0; i < RECYCLED_SLOTS; i++) {
            SLOT.setRelease(recycled, i, null);
        }
    }

    /** True while closed statement wrappers are kept for the driver to hand out again (see {@link #recycle}). */
    boolean recyclesStatements() {
        return preparesWithoutReuse < PREPARES_BEFORE_RECYCLING_STOPS;
    }

    private Statement plain(Statement raw) {
        LensStatement reused = reuse(raw, null, LensStatement.class);
        return reused != null ? reused : new LensStatement(raw, this, null);
    }

    private PreparedStatement prepared(PreparedStatement raw, String sql) {
        ShapeStats shape = engine.statsForSql(sql, context);
        LensPreparedStatement reused = reuse(raw, shape, LensPreparedStatement.class);
        return reused != null ? reused : new LensPreparedStatement(raw, this, shape);
    }

    private CallableStatement callable(CallableStatement raw, String sql) {
        ShapeStats shape = engine.statsForSql(sql, context);
        LensCallableStatement reused = reuse(raw, shape, LensCallableStatement.class);
        return reused != null ? reused : new LensCallableStatement(raw, this, shape);
    }

    public LensEngine engine() {
        return engine;
    }

    public ConnectionContext context() {
        return context;
    }

    /** The driver's own connection. */
    public Connection delegate() {
        return delegate;
    }

    @Override
    public Statement createStatement() throws SQLException {
        return plain(delegate.createStatement());
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return plain(delegate.createStatement(resultSetType, resultSetConcurrency));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return plain(delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepared(delegate.prepareStatement(sql), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepared(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        return prepared(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
                sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepared(delegate.prepareStatement(sql, autoGeneratedKeys), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepared(delegate.prepareStatement(sql, columnIndexes), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepared(delegate.prepareStatement(sql, columnNames), sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return callable(delegate.prepareCall(sql), sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return callable(delegate.prepareCall(sql, resultSetType, resultSetConcurrency), sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        return callable(delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql);
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        DatabaseMetaData raw = delegate.getMetaData();
        LensDatabaseMetaData cached = metaData;
        if (cached != null && cached.wraps(raw)) {
            return cached; // a driver that caches its metadata object gets a stable wrapper too
        }
        cached = new LensDatabaseMetaData(raw, this);
        metaData = cached;
        return cached;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        boolean wasInTransaction = context.inTransaction();
        delegate.setAutoCommit(autoCommit);
        context.autoCommit(autoCommit);
        if (wasInTransaction && autoCommit) {
            engine.transactionEnded(context); // JDBC: switching autocommit on commits the open transaction
        }
    }

    @Override
    public void commit() throws SQLException {
        try {
            delegate.commit();
        } finally {
            engine.transactionEnded(context);
        }
    }

    @Override
    public void rollback() throws SQLException {
        try {
            delegate.rollback();
        } finally {
            engine.transactionEnded(context);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            if (context.inTransaction()) {
                engine.transactionEnded(context);
            }
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
