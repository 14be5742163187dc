package io.querylens.bench.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:stub:} URLs that does no I/O: every connection answers from preallocated objects, so a
 * benchmark over it measures only the layers wrapped around it. Registered through {@code META-INF/services} and,
 * like real drivers, from its static initialiser, so p6spy, OpenTelemetry and QueryLens find it through
 * {@link DriverManager} exactly as they would find pgjdbc.
 */
public final class StubDriver implements Driver {

    public static final String URL_PREFIX = "jdbc:stub:";
    static final String NAME = "QueryLens stub driver";
    static final int MAJOR_VERSION = 1;
    static final int MINOR_VERSION = 0;

    static {
        try {
            DriverManager.registerDriver(new StubDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        // JDBC: a driver returns null, not an exception, for a URL it does not own.
        return acceptsURL(url) ? new StubConnection(url) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the stub driver does not log");
    }
}
