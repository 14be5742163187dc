package io.querylens.driver.jdbc;

import io.querylens.driver.jdbc.generated.DelegatingDatabaseMetaData;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Database metadata whose {@link #getConnection()} is the application's connection, not the driver's. */
public final class LensDatabaseMetaData extends DelegatingDatabaseMetaData {
    private final LensConnection connection;

    LensDatabaseMetaData(DatabaseMetaData delegate, LensConnection connection) {
        super(delegate);
        this.connection = connection;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
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
