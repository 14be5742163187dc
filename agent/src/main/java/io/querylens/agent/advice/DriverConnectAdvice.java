package io.querylens.agent.advice;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;

/**
 * On every {@code java.sql.Driver.connect(String, Properties)}: the physical connection, below any pool. Covers
 * {@code DriverManager.getConnection} too, which ends here. The inlined code is one static call: if that call fails
 * (even to link), the suppression leaves the driver's own connection in place.
 */
public final class DriverConnectAdvice {
    private DriverConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return ConnectionCalls.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long call,
                            @Advice.This Driver driver,
                            @Advice.Argument(0) String url,
                            @Advice.Argument(1) Properties info,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Connection connection,
                            @Advice.Thrown Throwable thrown) {
        connection = ConnectionHandOff.afterDriverConnect(call, driver, url, info, connection, thrown);
    }
}
