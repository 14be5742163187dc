package io.querylens.driver.jdbc;

import io.querylens.driver.LensEngine;
import io.querylens.driver.internal.DataSourceNames;
import io.querylens.driver.recording.AnalysisConnections;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one place a raw connection becomes a {@link LensConnection}, for the URL driver, the DataSource wrapper and the
 * javaagent alike. A connection is wrapped once: a connection that already is (or wraps) a Lens connection is
 * returned as it is, so a pool over a wrapped DataSource, or the agent over the URL prefix, never counts twice.
 */
public final class ConnectionWrapper {
    private ConnectionWrapper() {
    }

    /**
     * @param jdbcUrl   the URL the connection was opened with, or null to ask the connection's metadata
     * @param analysis  opens separate connections to the same database for background analysis
     */
    public static Connection wrap(Connection raw, LensEngine engine, String jdbcUrl, AnalysisConnections analysis) {
        if (raw == null || raw instanceof LensConnection || !engine.enabled()) {
            return raw;
        }
        try {
            if (raw.isWrapperFor(LensConnection.class)) {
                return raw;
            }
        } catch (Throwable ignored) {
            // A driver that cannot answer: it is not one of ours.
        }
        try {
            String url = jdbcUrl;
            Dialect dialect = Dialect.fromJdbcUrl(url);
            if (url == null || dialect == Dialect.GENERIC) {
                var metaData = raw.getMetaData();
                if (url == null) {
                    url = metaData.getURL();
                }
                if (dialect == Dialect.GENERIC) {
                    dialect = Dialect.fromProductName(metaData.getDatabaseProductName());
                }
            }
            ConnectionContext context = new ConnectionContext(DataSourceNames.sanitize(url), dialect,
                    engine.nextConnectionId(), analysis);
            return new LensConnection(raw, engine, context);
        } catch (Throwable ours) {
            engine.faults().report("wrap connection", ours);
            return raw; // without QueryLens rather than without a connection
        }
    }

    /** True when the connection is already watched by QueryLens. */
    public static boolean isWrapped(Connection connection) {
        if (connection instanceof LensConnection) {
            return true;
        }
        try {
            return connection != null && connection.isWrapperFor(LensConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }
}
