package io.querylens.agent.advice;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;

/**
 * What the woven code calls (see {@code io.querylens.agent.weave.ConnectionSourceWeaver}): one static call when a
 * hooked method starts, one before it returns. Every method here swallows every {@link Throwable}, and has no state of
 * its own to initialise, so the woven call site itself never throws: on any failure of ours the method returns the
 * connection its own code made.
 *
 * <p>Type checks happen here, at run time, rather than when the class is woven: the weaver hooks any method with the
 * right name and descriptor, and only instances of {@link Driver} or {@link DataSource} count, exactly the methods
 * that implement those interfaces. Checking here costs one {@code instanceof} per connection request and spares
 * the start-up the class-hierarchy resolution a weave-time check would need.
 */
public final class ConnectionHooks {
    /** Marks a call on an object that is not a connection source: it neither counts nor wraps. */
    private static final long NOT_HOOKED = -1;

    private ConnectionHooks() {
    }

    public static long enterDriver(Object self) {
        try {
            return self instanceof Driver ? ConnectionCalls.enter() : NOT_HOOKED;
        } catch (Throwable ours) {
            return NOT_HOOKED;
        }
    }

    public static long enterDataSource(Object self) {
        try {
            return self instanceof DataSource ? ConnectionCalls.enter() : NOT_HOOKED;
        } catch (Throwable ours) {
            return NOT_HOOKED;
        }
    }

    /** {@code Driver.connect(String url, Properties info)}. */
    public static Connection exitDriver(Connection connection, long call, Object self, String url, Properties info) {
        try {
            return call == NOT_HOOKED ? connection
                    : ConnectionHandOff.afterDriverConnect(call, (Driver) self, url, info, connection);
        } catch (Throwable ours) {
            return connection;
        }
    }

    /** {@code DataSource.getConnection()}. */
    public static Connection exitDataSource(Connection connection, long call, Object self) {
        try {
            return call == NOT_HOOKED ? connection
                    : ConnectionHandOff.afterDataSourceConnect(call, (DataSource) self, null, null, false,
                    connection);
        } catch (Throwable ours) {
            return connection;
        }
    }

    /** {@code DataSource.getConnection(String user, String password)}. */
    public static Connection exitDataSource(Connection connection, long call, Object self, String user,
                                            String password) {
        try {
            return call == NOT_HOOKED ? connection
                    : ConnectionHandOff.afterDataSourceConnect(call, (DataSource) self, user, password, true,
                    connection);
        } catch (Throwable ours) {
            return connection;
        }
    }
}
