package io.querylens.bench.stub;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * The stub's {@link DatabaseMetaData}: identity (URL, product, driver, versions) answered for real, because the
 * wrappers read it once per connection (OpenTelemetry parses {@link DatabaseMetaData#getURL()} into its
 * {@code DbInfo}); every other question gets an empty answer (false, 0, "", an empty result set).
 *
 * <p>A JDK dynamic proxy here, and nowhere else in the stub: the interface has ~180 methods, metadata is read while a
 * connection opens (in {@code @Setup}, never in a measured operation), and speed there is irrelevant.
 */
final class StubDatabaseMetaData implements InvocationHandler {

    static final String PRODUCT_NAME = "QueryLens stub";
    static final String PRODUCT_VERSION = "1.0";
    private static final int JDBC_MAJOR_VERSION = 4;
    private static final int JDBC_MINOR_VERSION = 3;

    private final Connection connection;
    private final String url;

    private StubDatabaseMetaData(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    static DatabaseMetaData create(Connection connection, String url) {
        return (DatabaseMetaData) Proxy.newProxyInstance(StubDatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, new StubDatabaseMetaData(connection, url));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
        switch (method.getName()) {
            case "getURL":
                return url;
            case "getUserName":
                return "bench";
            case "getDatabaseProductName":
                return PRODUCT_NAME;
            case "getDatabaseProductVersion":
            case "getDriverVersion":
                return PRODUCT_VERSION;
            case "getDriverName":
                return StubDriver.NAME;
            case "getDriverMajorVersion":
            case "getDatabaseMajorVersion":
                return StubDriver.MAJOR_VERSION;
            case "getDriverMinorVersion":
            case "getDatabaseMinorVersion":
                return StubDriver.MINOR_VERSION;
            case "getJDBCMajorVersion":
                return JDBC_MAJOR_VERSION;
            case "getJDBCMinorVersion":
                return JDBC_MINOR_VERSION;
            case "getConnection":
                return connection;
            case "getIdentifierQuoteString":
                return "\"";
            case "getRowIdLifetime":
                return RowIdLifetime.ROWID_UNSUPPORTED;
            case "unwrap":
                return StubWrapping.unwrap(proxy, (Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy);
            case "toString":
                return "StubDatabaseMetaData[" + url + "]";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return emptyAnswer(method.getReturnType());
        }
    }

    private static Object emptyAnswer(Class<?> type) {
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == String.class) {
            return "";
        }
        if (type == ResultSet.class) {
            return new StubResultSet(null).rewind(0);
        }
        return null;
    }
}
