package io.querylens.driver.jdbc;

import io.querylens.driver.jdbc.generated.DelegatingDatabaseMetaData;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Database metadata whose {@link #getConnection()} is the application's connection, not the driver's, and whose
 * result sets lead back to it too ({@code getTables(…).getStatement().getConnection()}). Metadata queries are not
 * timed: they are the driver's own catalog reads, not the application's query shapes.
 */
public final class LensDatabaseMetaData extends DelegatingDatabaseMetaData {
    private final LensConnection connection;

    LensDatabaseMetaData(DatabaseMetaData delegate, LensConnection connection) {
        super(delegate);
        this.connection = connection;
    }

    boolean wraps(DatabaseMetaData raw) {
        return delegate == raw;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
    }

    @Override
    protected ResultSet results(ResultSet delegateResults) throws SQLException {
        if (delegateResults == null) {
            return null;
        }
        Statement driverStatement = delegateResults.getStatement();
        LensStatement statement = driverStatement == null ? null : new LensStatement(driverStatement, connection, null);
        return new LensResultSet(statement).pointAt(delegateResults, null, LensStatement.LATENCY_RECORDED);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }
}
