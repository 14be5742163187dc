package io.querylens.agent.advice;

/**
 * Which hooked connection-source call on this thread is the innermost one (after OpenTelemetry's {@code CallDepth}).
 * Sources nest: {@code HikariDataSource.getConnection} may open through {@code DriverDataSource.getConnection}, which
 * calls {@code Driver.connect}; {@code PGSimpleDataSource.getConnection} goes through {@code DriverManager} to
 * {@code Driver.connect}. Only the innermost call, the one that made the physical connection, may wrap; every
 * enclosing call sees that a nested call happened and hands its result back untouched.
 *
 * <p>Thread-confined; {@link #enter} and {@link #isInnermost} allocate nothing after a thread's first call. The
 * counter only grows, so no exit bookkeeping can be forgotten when a source throws.
 */
public final class ConnectionCalls {
    private static final ThreadLocal<long[]> CALLS_STARTED = ThreadLocal.withInitial(() -> new long[1]);

    private ConnectionCalls() {
    }

    /** Marks the start of a hooked call; the token identifies it at exit. */
    public static long enter() {
        long[] started = CALLS_STARTED.get();
        return ++started[0];
    }

    /** True when no other hooked call started on this thread since the call identified by {@code token}. */
    public static boolean isInnermost(long token) {
        return CALLS_STARTED.get()[0] == token;
    }
}
