package io.querylens.bench.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** The two answers every stub object gives: {@code unwrap} to itself, and "not supported" for the rest of JDBC. */
final class StubWrapping {

    private StubWrapping() {
    }

    static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException(self.getClass().getSimpleName() + " does not wrap a " + iface.getName());
    }

    static SQLFeatureNotSupportedException unsupported() {
        return new SQLFeatureNotSupportedException("the stub driver answers only what the benchmarks and wrappers use");
    }
}
