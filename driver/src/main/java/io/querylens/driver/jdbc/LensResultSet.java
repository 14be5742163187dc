package io.querylens.driver.jdbc;

import io.querylens.driver.jdbc.generated.DelegatingResultSet;
import io.querylens.driver.recording.ShapeStats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's result set: counts rows read with {@link #next()} for the shape's row statistics, and answers
 * {@link #getStatement()} with the application's statement. The query's latency is recorded with those rows, as one
 * entry, when the application is done with the result set: it closes it, closes its statement or runs the statement
 * again (which closes it in the driver too).
 *
 * <p>One wrapper per statement is re-pointed at each new result set once the application has closed the previous
 * one, so a loop of executions allocates no wrapper. A result set the application left open gets a fresh wrapper
 * instead, so an old reference keeps reaching its own (driver-closed) result set and fails as it would raw. The only
 * difference left: a reference kept after the application itself called {@code close()} now reaches the newer
 * result set rather than failing.
 */
public final class LensResultSet extends DelegatingResultSet {
    private final LensStatement statement;
    private ShapeStats shape;
    private long rowsRead;
    /** The query's time, not yet recorded; negative when recorded (or when this wraps no query's results). */
    private long unrecordedNanos = LensStatement.LATENCY_RECORDED;
    private boolean closedByApplication = true;

    LensResultSet(LensStatement statement) {
        super(null);
        this.statement = statement;
    }

    LensResultSet pointAt(ResultSet results, ShapeStats shape, long elapsedNanos) {
        flush();
        // Stored only when changed (see LensStatement#end): a driver that reuses its result set object and a loop of
        // one shape would store the same references each time.
        if (this.delegate != results) {
            this.delegate = results;
        }
        if (this.shape != shape) {
            this.shape = shape;
        }
        this.unrecordedNanos = elapsedNanos;
        this.closedByApplication = false;
        return this;
    }

    boolean reusable() {
        return closedByApplication;
    }

    boolean wraps(ResultSet results) {
        return delegate == results;
    }

    /** The statement was closed, and with it (JDBC says) this result set. */
    void statementClosed() {
        flush();
        closedByApplication = true;
    }

    /** The statement ran again while the application held this result set open; the driver has closed it. */
    void superseded() {
        flush();
    }

    /** Records the query's latency with the rows read so far, or only the rows when the latency is recorded. */
    private void flush() {
        if (shape != null && (unrecordedNanos >= 0 || rowsRead > 0)) {
            statement.engine.resultsDone(statement.context, shape, unrecordedNanos, rowsRead);
        }
        unrecordedNanos = LensStatement.LATENCY_RECORDED;
        rowsRead = 0;
    }

    @Override
    public boolean next() throws SQLException {
        boolean hasRow = delegate.next();
        if (hasRow) {
            rowsRead++;
        }
        return hasRow;
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            flush();
            closedByApplication = true;
        }
    }

    @Override
    public Statement getStatement() throws SQLException {
        Statement raw = delegate.getStatement(); // the driver's closed-result-set exception, if any
        return raw == null || statement == null ? raw : statement;
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
        return String.valueOf(delegate);
    }
}
