package io.querylens.driver.jdbc;

import io.querylens.driver.LensEngine;
import io.querylens.driver.jdbc.generated.DelegatingPreparedStatement;
import io.querylens.driver.recording.ShapeStats;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;

/**
 * A prepared statement: its shape was fixed at prepare time, so an execution costs two clock reads and a record.
 * Not final: the generated callable base extends it (see DelegatingSourceGenerator).
 *
 * <p>Bind values are never stored: each setter folds (parameter index, hash of the value) into a running 64-bit sum,
 * which tells the N+1 detector whether two executions had different binds. The sum is order-independent across
 * parameters; parameters not set again since the previous execution are not in the next hash, so an application
 * that re-binds only some parameters gets a hash of those (different values still give different hashes). Setters
 * for streams, LOBs and arrays do not contribute: hashing them would mean reading them.
 */
public class LensPreparedStatement extends DelegatingPreparedStatement {
    private long pendingBindHash;
    private boolean bindsChanged;
    private long lastBindHash;

    public LensPreparedStatement(PreparedStatement delegate, LensConnection connection, ShapeStats preparedShape) {
        super(delegate, connection, preparedShape);
    }

    private void bound(int parameterIndex, long valueHash) {
        long h = (parameterIndex * 0x9E3779B97F4A7C15L) ^ valueHash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        pendingBindHash += h;
        bindsChanged = true;
    }

    @Override
    protected void reopen() {
        super.reopen();
        pendingBindHash = 0;
        bindsChanged = false;
        lastBindHash = 0;
    }

    /** The bind hash of this execution; resets the pending sum for the next one. */
    private long takeBindHash() {
        if (bindsChanged) {
            lastBindHash = pendingBindHash;
            pendingBindHash = 0;
            bindsChanged = false;
        }
        return lastBindHash;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        ShapeStats shape = preparedShape;
        long binds = takeBindHash();
        long start = begin(shape, binds);
        ResultSet rs;
        try {
            rs = preparedDelegate.executeQuery();
        } catch (Throwable failure) {
            end(shape, start, binds, 0, failure, 0);
            throw failure;
        }
        return results(rs, shape, end(shape, start, binds, 0, null, LensEngine.LATENCY_WITH_RESULTS));
    }

    @Override
    public int executeUpdate() throws SQLException {
        ShapeStats shape = preparedShape;
        long binds = takeBindHash();
        long start = begin(shape, binds);
        int count;
        try {
            count = preparedDelegate.executeUpdate();
        } catch (Throwable failure) {
            end(shape, start, binds, 0, failure, 0);
            throw failure;
        }
        end(shape, start, binds, 0, null, count);
        return count;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        ShapeStats shape = preparedShape;
        long binds = takeBindHash();
        long start = begin(shape, binds);
        long count;
        try {
            count = preparedDelegate.executeLargeUpdate();
        } catch (Throwable failure) {
            end(shape, start, binds, 0, failure, 0);
            throw failure;
        }
        end(shape, start, binds, 0, null, count);
        return count;
    }

    @Override
    public boolean execute() throws SQLException {
        ShapeStats shape = preparedShape;
        long binds = takeBindHash();
        long start = begin(shape, binds);
        boolean hasResults;
        try {
            hasResults = preparedDelegate.execute();
        } catch (Throwable failure) {
            end(shape, start, binds, 0, failure, 0);
            throw failure;
        }
        end(shape, start, binds, 0, null, 0);
        return hasResults;
    }

    @Override
    public void addBatch() throws SQLException {
        preparedDelegate.addBatch();
        takeBindHash();
        batched(preparedShape);
    }

    @Override
    public void clearParameters() throws SQLException {
        preparedDelegate.clearParameters();
        pendingBindHash = 0;
        bindsChanged = false;
        lastBindHash = 0;
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        preparedDelegate.setNull(parameterIndex, sqlType);
        bound(parameterIndex, 0);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        preparedDelegate.setNull(parameterIndex, sqlType, typeName);
        bound(parameterIndex, 0);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        preparedDelegate.setBoolean(parameterIndex, x);
        bound(parameterIndex, x ? 1231 : 1237);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        preparedDelegate.setByte(parameterIndex, x);
        bound(parameterIndex, x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        preparedDelegate.setShort(parameterIndex, x);
        bound(parameterIndex, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        preparedDelegate.setInt(parameterIndex, x);
        bound(parameterIndex, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        preparedDelegate.setLong(parameterIndex, x);
        bound(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        preparedDelegate.setFloat(parameterIndex, x);
        bound(parameterIndex, Float.floatToIntBits(x));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        preparedDelegate.setDouble(parameterIndex, x);
        bound(parameterIndex, Double.doubleToLongBits(x));
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        preparedDelegate.setBigDecimal(parameterIndex, x);
        bound(parameterIndex, x == null ? 0 : x.hashCode());
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        preparedDelegate.setString(parameterIndex, x);
        bound(parameterIndex, x == null ? 0 : x.hashCode());
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        preparedDelegate.setNString(parameterIndex, value);
        bound(parameterIndex, value == null ? 0 : value.hashCode());
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        preparedDelegate.setBytes(parameterIndex, x);
        bound(parameterIndex, Arrays.hashCode(x));
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        preparedDelegate.setDate(parameterIndex, x);
        bound(parameterIndex, x == null ? 0 : x.getTime());
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        preparedDelegate.setDate(parameterIndex, x, cal);
        bound(parameterIndex, x == null ? 0 : x.getTime());
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        preparedDelegate.setTime(parameterIndex, x);
        bound(parameterIndex, x == null ? 0 : x.getTime());
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        preparedDelegate.setTime(parameterIndex, x, cal);
        bound(parameterIndex, x == null ? 0 : x.getTime());
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        preparedDelegate.setTimestamp(parameterIndex, x);
        bound(parameterIndex, x == null ? 0 : x.hashCode());
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        preparedDelegate.setTimestamp(parameterIndex, x, cal);
        bound(parameterIndex, x == null ? 0 : x.hashCode());
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        preparedDelegate.setObject(parameterIndex, x);
        bound(parameterIndex, valueHash(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        preparedDelegate.setObject(parameterIndex, x, targetSqlType);
        bound(parameterIndex, valueHash(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        preparedDelegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        bound(parameterIndex, valueHash(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        preparedDelegate.setObject(parameterIndex, x, targetSqlType);
        bound(parameterIndex, valueHash(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        preparedDelegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        bound(parameterIndex, valueHash(x));
    }

    /** Value hashes for objects whose hashCode reflects their value; others (streams, LOBs) count as one value. */
    private static long valueHash(Object x) {
        if (x == null) {
            return 0;
        }
        if (x instanceof byte[] bytes) {
            return Arrays.hashCode(bytes);
        }
        if (x instanceof CharSequence || x instanceof Number || x instanceof Boolean || x instanceof java.util.UUID
                || x instanceof java.time.temporal.Temporal || x instanceof java.util.Date
                || x instanceof Character || x instanceof Enum<?>) {
            return x.hashCode();
        }
        return x.getClass().hashCode();
    }
}
