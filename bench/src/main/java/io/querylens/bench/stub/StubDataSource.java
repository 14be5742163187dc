package io.querylens.bench.stub;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} over the stub driver, for the wrappers (datasource-proxy, OpenTelemetry) that wrap one. */
public final class StubDataSource implements DataSource {

    private final String url;
    private PrintWriter logWriter;
    private int loginTimeoutSeconds;

    public StubDataSource(String url) {
        if (!url.startsWith(StubDriver.URL_PREFIX)) {
            throw new IllegalArgumentException("not a stub URL: " + url);
        }
        this.url = url;
    }

    @Override
    public Connection getConnection() {
        return new StubConnection(url);
    }

    @Override
    public Connection getConnection(String username, String password) {
        return new StubConnection(url);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the stub driver does not log");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return StubWrapping.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
