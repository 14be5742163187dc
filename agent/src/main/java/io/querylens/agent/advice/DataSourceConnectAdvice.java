package io.querylens.agent.advice;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * On every {@code javax.sql.DataSource.getConnection()}: for data sources that make connections without a
 * {@code java.sql.Driver} (MariaDbDataSource); data sources that go through one, and pools, hand back a connection
 * that the inner call already wrapped, and are left alone (see {@link ConnectionHandOff}).
 */
public final class DataSourceConnectAdvice {
    private DataSourceConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return ConnectionCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long call,
                            @Advice.This DataSource dataSource,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Connection connection,
                            @Advice.Thrown Throwable thrown) {
        connection = ConnectionHandOff.afterDataSourceConnect(call, dataSource, null, null, false, connection, thrown);
    }

    /** {@code getConnection(String user, String password)}. */
    public static final class WithCredentials {
        private WithCredentials() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return ConnectionCalls.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long call,
                                @Advice.This DataSource dataSource,
                                @Advice.Argument(0) String user,
                                @Advice.Argument(1) String password,
                                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Connection connection,
                                @Advice.Thrown Throwable thrown) {
            connection = ConnectionHandOff.afterDataSourceConnect(call, dataSource, user, password, true,
                    connection, thrown);
        }
    }
}
