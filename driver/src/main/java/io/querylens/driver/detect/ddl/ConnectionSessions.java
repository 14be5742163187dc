package io.querylens.driver.detect.ddl;

import io.querylens.driver.detect.ddl.lint.LintSession;
import io.querylens.driver.recording.ConnectionContext;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link LintSession} of each application connection, held weakly so a closed and forgotten connection takes its
 * session with it. Touched only for DDL, {@code SET lock_timeout} statements and (while a {@code SET LOCAL
 * lock_timeout} is pending somewhere) transaction ends: the lock here is never taken for ordinary statements.
 *
 * <p>Thread-safe: application threads call every method concurrently; the map is guarded by its own monitor.
 */
final class ConnectionSessions {
    private final Map<ConnectionContext, LintSession> sessions = new WeakHashMap<>();
    /** Connections with a SET LOCAL lock_timeout in their open transaction; 0 lets transaction ends skip the map. */
    private final AtomicInteger pendingLocalTimeouts = new AtomicInteger();

    LintSession of(ConnectionContext connection) {
        synchronized (sessions) {
            return sessions.computeIfAbsent(connection, c -> new LintSession());
        }
    }

    /** Runs {@code change} on the connection's session under the map's lock, tracking SET LOCAL values. */
    void update(ConnectionContext connection, SessionChange change) throws Exception {
        synchronized (sessions) {
            LintSession session = sessions.computeIfAbsent(connection, c -> new LintSession());
            boolean hadLocal = session.hasTransactionLockTimeout();
            change.apply(session);
            boolean hasLocal = session.hasTransactionLockTimeout();
            if (hasLocal != hadLocal) {
                pendingLocalTimeouts.addAndGet(hasLocal ? 1 : -1);
            }
        }
    }

    void transactionEnded(ConnectionContext connection) {
        if (pendingLocalTimeouts.get() == 0) {
            return;
        }
        synchronized (sessions) {
            LintSession session = sessions.get(connection);
            if (session != null && session.transactionEnded()) {
                pendingLocalTimeouts.decrementAndGet();
            }
        }
    }

    @FunctionalInterface
    interface SessionChange {
        void apply(LintSession session) throws Exception;
    }
}
