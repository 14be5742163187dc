package io.querylens.agent.advice;

import io.querylens.driver.jdbc.ConnectionWrapper;

import java.sql.Connection;

/**
 * Whether a connection is already watched by QueryLens, by either copy of the driver: the agent's (relocated under
 * {@code io.querylens.agent.shaded}) or the application's own {@code io.querylens.driver} on its class path. The
 * application's {@code LensConnection} class is found by name through the connection's class loader, once per
 * connection class; a pool's proxy answers through {@code isWrapperFor}, which pools pass to their delegate.
 */
final class WrappedConnections {
    /**
     * The application's copy, spelled at run time: the shade plugin rewrites string constants that name relocated
     * packages, and this one must keep naming the unrelocated class.
     */
    private static final String APPLICATION_LENS_CONNECTION =
            String.join(".", "io", "querylens", "driver", "jdbc", "LensConnection");

    private static final ClassValue<Class<?>> APPLICATION_COPY = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> connectionClass) {
            try {
                Class<?> lens = Class.forName(APPLICATION_LENS_CONNECTION, false, connectionClass.getClassLoader());
                return Connection.class.isAssignableFrom(lens) ? lens : null;
            } catch (Throwable absent) {
                return null;
            }
        }
    };

    private WrappedConnections() {
    }

    static boolean isWrapped(Connection connection) {
        if (ConnectionWrapper.isWrapped(connection)) {
            return true;
        }
        Class<?> applicationLens = APPLICATION_COPY.get(connection.getClass());
        if (applicationLens == null) {
            return false;
        }
        if (applicationLens.isInstance(connection)) {
            return true;
        }
        try {
            return connection.isWrapperFor(applicationLens);
        } catch (Throwable cannotTell) {
            return false;
        }
    }
}
