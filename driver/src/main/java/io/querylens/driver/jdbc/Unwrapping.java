package io.querylens.driver.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@code unwrap}/{@code isWrapperFor} for every wrapper, answered as the raw driver would. A raw driver returns itself
 * for an interface it implements ({@code connection.unwrap(Connection.class) == connection}), so we return the
 * wrapper for the JDBC interfaces it implements: handing out the vendor object there would let callers step around
 * QueryLens, and the differential suite holds us to the raw answer. Vendor interfaces and classes
 * ({@code PGConnection}, {@code PgConnection}) reach the driver's object, or whatever it wraps.
 */
final class Unwrapping {
    private Unwrapping() {
    }

    static <T> T unwrap(Object wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface); // what the driver wraps, or the driver's own exception, unchanged
    }

    static boolean isWrapperFor(Object wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(delegate) || delegate.isWrapperFor(iface) || iface.isInstance(wrapper);
    }
}
