package io.querylens.driver.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@code unwrap}/{@code isWrapperFor} for every wrapper, answered as the raw driver would: the vendor object first
 * (so {@code unwrap(Connection.class)} returns the driver's connection, as HikariCP and OpenTelemetry do), then
 * whatever the vendor object itself wraps, and only then our own wrapper type (the javaagent asks
 * {@code isWrapperFor(LensConnection.class)} to avoid wrapping twice).
 */
final class Unwrapping {
    private Unwrapping() {
    }

    static <T> T unwrap(Object wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        if (delegate.isWrapperFor(iface)) {
            return delegate.unwrap(iface);
        }
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        return delegate.unwrap(iface); // the driver's own exception, unchanged
    }

    static boolean isWrapperFor(Object wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(delegate) || delegate.isWrapperFor(iface) || iface.isInstance(wrapper);
    }
}
