package io.querylens.agent.advice;

import io.querylens.driver.jdbc.ConnectionWrapper;
import io.querylens.driver.recording.AnalysisConnections;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;

/**
 * Decides, when a hooked connection source returns, whether its connection becomes a Lens connection, and wraps it
 * through the driver's {@link ConnectionWrapper}. A connection is wrapped once, at the lowest layer that made it:
 * <ul>
 *   <li>only the innermost hooked call on the thread wraps ({@link ConnectionCalls}), so a pool or DataSource that
 *       opens through a {@link Driver} leaves the wrapping to {@code Driver.connect}, and the pool's own proxies sit
 *       on top of the Lens connection, untouched;</li>
 *   <li>a connection that is already a Lens connection, of the agent's copy or the application's own copy of
 *       querylens-driver, or a pool proxy over one, is returned as it is ({@link WrappedConnections});</li>
 *   <li>a connection opened while QueryLens code is on the stack (the application's {@code jdbc:querylens:} driver or
 *       {@code QueryLensDataSource}, either copy's background analysis connections) is left to that code: it wraps
 *       what it should and must not be counted twice.</li>
 * </ul>
 * Never throws: on any failure of ours the application gets the connection its source returned.
 */
public final class ConnectionHandOff {
    private static final StackWalker STACK = StackWalker.getInstance();
    /** Class-name fragments of either copy of the driver; kept apart from "io." so shading leaves them intact. */
    private static final String DRIVER_PACKAGE = "querylens.driver.";
    private static final String ROOT_CLASSES = "querylens.QueryLens";

    private ConnectionHandOff() {
    }

    public static Connection afterDriverConnect(long call, Driver driver, String url, Properties info,
                                                Connection connection) {
        if (!shouldWrap(call, connection)) {
            return connection;
        }
        try {
            Properties analysisProperties = info == null ? new Properties() : (Properties) info.clone();
            AnalysisConnections analysis = () -> driver.connect(url, analysisProperties);
            return ConnectionWrapper.wrap(connection, AgentEngine.get(), url, analysis);
        } catch (Throwable ours) {
            return connection;
        }
    }

    public static Connection afterDataSourceConnect(long call, DataSource dataSource, String user, String password,
                                                    boolean withCredentials, Connection connection) {
        if (!shouldWrap(call, connection)) {
            return connection;
        }
        try {
            AnalysisConnections analysis = withCredentials
                    ? () -> dataSource.getConnection(user, password)
                    : dataSource::getConnection;
            return ConnectionWrapper.wrap(connection, AgentEngine.get(), null, analysis);
        } catch (Throwable ours) {
            return connection;
        }
    }

    private static boolean shouldWrap(long call, Connection connection) {
        try {
            return connection != null
                    && ConnectionCalls.isInnermost(call)
                    && !WrappedConnections.isWrapped(connection)
                    && !openedByQueryLens();
        } catch (Throwable ours) {
            return false;
        }
    }

    /** A stack walk per physical connection (milliseconds of network work already), never per statement. */
    private static boolean openedByQueryLens() {
        return STACK.walk(frames -> frames.anyMatch(frame -> isQueryLensDriverClass(frame.getClassName())));
    }

    static boolean isQueryLensDriverClass(String className) {
        return className.contains(DRIVER_PACKAGE) || className.contains(ROOT_CLASSES);
    }
}
