package io.querylens.driver.jdbc;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After OpenTelemetry's WrapperTest: a JDBC method that falls through to an interface default would silently skip
 * the driver (a default {@code executeLargeUpdate} throws UnsupportedOperationException instead of running the
 * statement). Every method of every wrapped interface must be implemented by a class.
 */
class WrappersOverrideEveryJdbcMethodTest {
    private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(
            LensConnection.class, Connection.class,
            LensStatement.class, Statement.class,
            LensPreparedStatement.class, PreparedStatement.class,
            LensCallableStatement.class, CallableStatement.class,
            LensResultSet.class, ResultSet.class,
            LensDatabaseMetaData.class, DatabaseMetaData.class);

    @Test
    void noJdbcMethodFallsThroughToAnInterfaceDefault() throws NoSuchMethodException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Class<?>, Class<?>> wrapper : WRAPPERS.entrySet()) {
            for (Method method : wrapper.getValue().getMethods()) {
                if (Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Method implementation = wrapper.getKey().getMethod(method.getName(), method.getParameterTypes());
                if (implementation.getDeclaringClass().isInterface()) {
                    missing.add(wrapper.getKey().getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyMethodReturningAJdbcObjectIsInterceptedByTheLensClassChain() throws NoSuchMethodException {
        // Methods that hand out connections, statements or result sets must return our wrappers, so they must be
        // declared by a hand-written Lens class rather than only forwarded by a generated Delegating base.
        List<Class<?>> wrappedTypes = List.of(Connection.class, Statement.class, ResultSet.class,
                DatabaseMetaData.class);
        List<String> forwardedOnly = new ArrayList<>();
        for (Map.Entry<Class<?>, Class<?>> wrapper : WRAPPERS.entrySet()) {
            if (wrapper.getKey() == LensDatabaseMetaData.class) {
                continue; // metadata result sets come from the driver's internal statements; only getConnection matters
            }
            for (Method method : wrapper.getValue().getMethods()) {
                if (!wrappedTypes.contains(method.getReturnType()) && !isWrappedSubtype(method.getReturnType())) {
                    continue;
                }
                Method implementation = wrapper.getKey().getMethod(method.getName(), method.getParameterTypes());
                if (implementation.getDeclaringClass().getPackageName().endsWith(".generated")) {
                    forwardedOnly.add(wrapper.getKey().getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(forwardedOnly).isEmpty();
        assertThat(LensDatabaseMetaData.class.getMethod("getConnection").getDeclaringClass())
                .isEqualTo(LensDatabaseMetaData.class);
    }

    private static boolean isWrappedSubtype(Class<?> type) {
        return type == PreparedStatement.class || type == CallableStatement.class;
    }
}
