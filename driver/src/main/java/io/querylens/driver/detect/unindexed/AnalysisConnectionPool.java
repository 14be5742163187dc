package io.querylens.driver.detect.unindexed;

import io.querylens.driver.recording.AnalysisConnections;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps one analysis connection open per data source, reopening it when it is broken. Connections come from the
 * application's {@link io.querylens.driver.recording.AnalysisConnections} (same driver, URL and credentials, a new
 * physical connection, not wrapped), or from {@code querylens.analysis.url} when configured.
 *
 * <p>Each session is made safe once, at open: autocommit on (so nothing we do sits in a transaction), short statement
 * and lock timeouts, read-only transactions on PostgreSQL (belt and braces: EXPLAIN without ANALYZE never executes,
 * and a read-only session could not write even if it did), and the generic-plan mode {@link PlanInspector} needs.
 *
 * <p>Used by the analysis thread only: not thread-safe.
 */
public final class AnalysisConnectionPool implements AutoCloseable {
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final String configuredUrl;
    private final String configuredUser;
    private final int timeoutMillis;
    private final Map<String, Session> sessions = new HashMap<>();

    /** An open analysis connection and what kind of server it talks to. */
    public record Session(Connection connection, boolean mariaDb) {
    }

    public AnalysisConnectionPool(String configuredUrl, String configuredUser, int timeoutMillis) {
        this.configuredUrl = configuredUrl == null || configuredUrl.isBlank() ? null : configuredUrl;
        this.configuredUser = configuredUser;
        this.timeoutMillis = timeoutMillis;
    }

    Session sessionFor(AnalysisTask task) throws SQLException {
        return sessionFor(task.dataSource(), task.dialect(), task.connections());
    }

    /** The data source's analysis session, opened through {@code opener} (or the configured URL) when needed. */
    public Session sessionFor(String dataSource, Dialect dialect, AnalysisConnections opener) throws SQLException {
        Session session = sessions.get(dataSource);
        if (session != null) {
            if (isUsable(session.connection())) {
                return session;
            }
            discard(dataSource);
        }
        Connection connection = open(opener);
        try {
            boolean mariaDb = prepare(connection, dialect);
            session = new Session(connection, mariaDb);
        } catch (SQLException | RuntimeException failure) {
            closeQuietly(connection);
            throw failure;
        }
        sessions.put(dataSource, session);
        return session;
    }

    /** Closes the data source's connection after a failure that may have left it unusable. */
    public void discard(String dataSource) {
        Session session = sessions.remove(dataSource);
        if (session != null) {
            closeQuietly(session.connection());
        }
    }

    private Connection open(AnalysisConnections opener) throws SQLException {
        if (configuredUrl != null) {
            Properties info = new Properties();
            if (configuredUser != null && !configuredUser.isBlank()) {
                info.setProperty("user", configuredUser);
            }
            // Not a configuration key on purpose: configuration is printed whole, a password must never be.
            String password = System.getenv("QUERYLENS_ANALYSIS_PASSWORD");
            if (password != null) {
                info.setProperty("password", password);
            }
            return DriverManager.getConnection(configuredUrl, info);
        }
        return opener.open();
    }

    private boolean prepare(Connection connection, Dialect dialect) throws SQLException {
        connection.setAutoCommit(true);
        boolean mariaDb = false;
        try (Statement statement = connection.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                statement.execute("SET statement_timeout = " + timeoutMillis);
                statement.execute("SET lock_timeout = " + timeoutMillis);
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("SET default_transaction_read_only = on");
                statement.execute("SET application_name = 'querylens-analysis'");
            } else {
                String product = connection.getMetaData().getDatabaseProductVersion();
                mariaDb = product != null && product.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
                long seconds = Math.max(1, (timeoutMillis + 999) / 1000);
                // Metadata locks: an EXPLAIN waits for a table an application DDL or LOCK TABLES holds.
                statement.execute("SET SESSION lock_wait_timeout = " + seconds);
                statement.execute(mariaDb
                        ? "SET SESSION max_statement_time = " + (timeoutMillis / 1000.0)
                        : "SET SESSION max_execution_time = " + timeoutMillis);
            }
        }
        return mariaDb;
    }

    private static boolean isUsable(Connection connection) {
        try {
            return !connection.isClosed() && connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException broken) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Already broken; nothing else to release.
        }
    }

    @Override
    public void close() {
        for (String dataSource : sessions.keySet().toArray(new String[0])) {
            discard(dataSource);
        }
    }
}
