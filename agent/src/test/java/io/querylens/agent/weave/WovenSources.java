package io.querylens.agent.weave;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Classes for {@link ConnectionSourceWeaverTest} to weave: their methods return a connection given to them. */
final class WovenSources {
    private WovenSources() {
    }

    /**
     * A data source whose {@code getConnection} has loops, a try/catch, a {@code long} and a {@code double} local and
     * several returns: the stack-map frames the weaver must extend.
     */
    public static final class BranchyDataSource implements DataSource {
        private final Supplier<Connection> connections;

        public BranchyDataSource(Supplier<Connection> connections) {
            this.connections = connections;
        }

        @Override
        public Connection getConnection() throws SQLException {
            long attempts = 0;
            double backoff = 1.5;
            for (int i = 0; i < 3; i++) {
                try {
                    attempts++;
                    if (i == 1) {
                        return connections.get();
                    }
                    backoff *= attempts;
                    if (backoff > 1e9) {
                        throw new IllegalStateException("never");
                    }
                } catch (IllegalStateException retry) {
                    backoff = 0;
                }
            }
            return attempts > 100 ? null : connections.get();
        }

        @Override
        public Connection getConnection(String user, String password) {
            return user.isEmpty() ? null : connections.get();
        }

        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return null; }
        @Override public <T> T unwrap(Class<T> iface) { return null; }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }

    /** Has a method with the hooked name and descriptor but is no data source: it neither counts nor wraps. */
    public static final class NotADataSource {
        private final Supplier<Connection> connections;

        public NotADataSource(Supplier<Connection> connections) {
            this.connections = connections;
        }

        public Connection getConnection() {
            return connections.get();
        }
    }
}
