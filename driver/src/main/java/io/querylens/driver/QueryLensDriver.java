package io.querylens.driver;

import io.querylens.driver.internal.DataSourceNames;

import io.querylens.QueryLens;
import io.querylens.driver.jdbc.ConnectionWrapper;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Enumeration;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The {@code jdbc:querylens:} URL prefix. {@code jdbc:querylens:postgresql://host/db} opens
 * {@code jdbc:postgresql://host/db} through whichever registered driver accepts it and returns the connection
 * wrapped; any JDBC driver works the same way. Properties and {@link #getPropertyInfo} pass through. A URL without
 * the prefix gets null, as {@link Driver#connect} requires, so DriverManager asks the next driver.
 */
public final class QueryLensDriver implements Driver {
    public static final String URL_PREFIX = "jdbc:querylens:";

    private static final QueryLensDriver INSTANCE = new QueryLensDriver();
    private static volatile boolean registered;

    static {
        register();
    }

    /** Registers the driver with DriverManager (done when the class loads; safe to call again). */
    public static synchronized QueryLensDriver register() {
        if (!registered) {
            try {
                DriverManager.registerDriver(INSTANCE);
                registered = true;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not register the QueryLens JDBC driver", e);
            }
        }
        return INSTANCE;
    }

    public static synchronized void deregister() throws SQLException {
        if (registered) {
            DriverManager.deregisterDriver(INSTANCE);
            registered = false;
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        LensEngine engine = QueryLens.engineForConnect();
        String targetUrl = targetUrl(url);
        Driver target = findTargetDriver(targetUrl);
        Properties properties = info == null ? new Properties() : info;
        Connection raw = target.connect(targetUrl, properties);
        if (raw == null) {
            return null;
        }
        Properties analysisProperties = (Properties) properties.clone();
        return ConnectionWrapper.wrap(raw, engine, targetUrl, () -> target.connect(targetUrl, analysisProperties));
    }

    /** {@code jdbc:querylens:postgresql://…} becomes {@code jdbc:postgresql://…}. */
    public static String targetUrl(String url) {
        return "jdbc:" + url.substring(URL_PREFIX.length());
    }

    static Driver findTargetDriver(String targetUrl) throws SQLException {
        SQLException notFound = null;
        try {
            Driver driver = DriverManager.getDriver(targetUrl);
            if (!(driver instanceof QueryLensDriver)) {
                return driver;
            }
        } catch (SQLException e) {
            notFound = e;
        }
        for (Enumeration<Driver> drivers = DriverManager.getDrivers(); drivers.hasMoreElements(); ) {
            Driver driver = drivers.nextElement();
            if (!(driver instanceof QueryLensDriver) && driver.acceptsURL(targetUrl)) {
                return driver;
            }
        }
        // Drivers visible to the application's class loader but not to DriverManager's caller check (app servers).
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        if (contextLoader != null) {
            for (Driver driver : ServiceLoader.load(Driver.class, contextLoader)) {
                if (!(driver instanceof QueryLensDriver) && driver.acceptsURL(targetUrl)) {
                    return driver;
                }
            }
        }
        throw new SQLException("QueryLens found no JDBC driver for " + DataSourceNames.sanitize(targetUrl)
                + " (the URL after the jdbc:querylens: prefix); put the database's JDBC driver on the class path",
                "08001", notFound);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return new DriverPropertyInfo[0];
        }
        String targetUrl = targetUrl(url);
        return findTargetDriver(targetUrl).getPropertyInfo(targetUrl, info);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public boolean jdbcCompliant() {
        return false; // compliance is the wrapped driver's; we cannot vouch for an unknown one
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.querylens");
    }
}
