package io.querylens;

import io.querylens.driver.QueryLensDriver;
import io.querylens.driver.jdbc.ConnectionWrapper;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Wraps any {@link DataSource} (a vendor data source, a pool, Spring's) so that its connections are watched by
 * QueryLens: {@code new QueryLensDataSource(pgSimpleDataSource)}. For configurations that can only name a class
 * (HikariCP's {@code dataSourceClassName}), the no-argument constructor with {@link #setUrl}, {@link #setUser} and
 * {@link #setPassword} opens connections through the {@code jdbc:querylens:} driver instead.
 *
 * <p>Connections that are already watched (the target is itself a QueryLens data source, or the agent wrapped them)
 * are returned as they are: one execution is counted once.
 */
public class QueryLensDataSource implements DataSource {
    private volatile DataSource target;
    private String url;
    private String user;
    private String password;
    private PrintWriter logWriter;
    private int loginTimeoutSeconds;

    public QueryLensDataSource() {
    }

    public QueryLensDataSource(DataSource target) {
        this.target = target;
    }

    public DataSource getTarget() {
        return target;
    }

    public void setTarget(DataSource target) {
        this.target = target;
    }

    /** A {@code jdbc:querylens:…} URL (a plain {@code jdbc:…} URL is accepted and prefixed). Default: none. */
    public void setUrl(String url) {
        this.url = url == null || url.startsWith(QueryLensDriver.URL_PREFIX) || !url.startsWith("jdbc:")
                ? url
                : QueryLensDriver.URL_PREFIX + url.substring("jdbc:".length());
    }

    public String getUrl() {
        return url;
    }

    /** Alias of {@link #setUrl} for tools that use the JDBC-URL property name. */
    public void setJdbcUrl(String jdbcUrl) {
        setUrl(jdbcUrl);
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    /** Alias of {@link #setUser}. */
    public void setUsername(String username) {
        setUser(username);
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource current = target;
        if (current == null) {
            return connectByUrl(user, password);
        }
        Connection raw = current.getConnection();
        return ConnectionWrapper.wrap(raw, QueryLens.engineForConnect(), null, current::getConnection);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        DataSource current = target;
        if (current == null) {
            return connectByUrl(username, pass);
        }
        Connection raw = current.getConnection(username, pass);
        return ConnectionWrapper.wrap(raw, QueryLens.engineForConnect(), null,
                () -> current.getConnection(username, pass));
    }

    private Connection connectByUrl(String username, String pass) throws SQLException {
        if (url == null) {
            throw new SQLException("QueryLensDataSource has neither a target DataSource nor a url", "08001");
        }
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (pass != null) {
            properties.setProperty("password", pass);
        }
        QueryLensDriver.register();
        return DriverManager.getDriver(url).connect(url, properties);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        DataSource current = target;
        return current == null ? logWriter : current.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        DataSource current = target;
        if (current == null) {
            logWriter = out;
        } else {
            current.setLogWriter(out);
        }
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        DataSource current = target;
        if (current == null) {
            loginTimeoutSeconds = seconds;
        } else {
            current.setLoginTimeout(seconds);
        }
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        DataSource current = target;
        return current == null ? loginTimeoutSeconds : current.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        DataSource current = target;
        return current == null ? Logger.getLogger("io.querylens") : current.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        DataSource current = target;
        if (current != null && iface.isInstance(current)) {
            return iface.cast(current);
        }
        if (current != null && current.isWrapperFor(iface)) {
            return current.unwrap(iface);
        }
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("QueryLensDataSource does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        DataSource current = target;
        return iface.isInstance(this) || (current != null && (iface.isInstance(current) || current.isWrapperFor(iface)));
    }
}
