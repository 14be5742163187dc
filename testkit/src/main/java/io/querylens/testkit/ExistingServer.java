package io.querylens.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server someone else runs, named by {@code QUERYLENS_TEST_POSTGRES_URL} or {@code QUERYLENS_TEST_MYSQL_URL}.
 * Connecting once up front turns a wrong URL or password into one clear error at the first test instead of a
 * different driver error in each.
 */
final class ExistingServer {
    private static final Logger LOG = LoggerFactory.getLogger(ExistingServer.class);

    private ExistingServer() {
    }

    static TestDatabase postgres(Settings settings) throws SQLException {
        JdbcUrl url = JdbcUrl.parse(settings.get(Settings.POSTGRES_URL));
        TestDatabase database = new TestDatabase(DatabaseKind.POSTGRESQL, url,
                settings.getOrDefault(Settings.POSTGRES_URL + "_USER", "postgres"),
                settings.getOrDefault(Settings.POSTGRES_URL + "_PASSWORD", ""),
                "existing PostgreSQL from " + Settings.POSTGRES_URL);
        String version = reach(database, Settings.POSTGRES_URL);
        try {
            EmbeddedPostgresServer.enablePgStatStatements(database);
        } catch (SQLException e) {
            // Only the tests that read pg_stat_statements need it, and they will fail with their own message.
            LOG.warn("pg_stat_statements is not available on {}: {}", database, e.getMessage());
        }
        return new TestDatabase(DatabaseKind.POSTGRESQL, url, database.user(), database.password(),
                database.description() + " (" + version + ")");
    }

    /**
     * The server behind {@code QUERYLENS_TEST_MYSQL_URL}, with its URL rewritten for the connector asked for.
     * Whether it is MySQL or MariaDB is read from the server, not assumed.
     */
    static TestDatabase mysqlFamily(Settings settings, Connector connector) throws SQLException {
        JdbcUrl given = JdbcUrl.parse(settings.get(Settings.MYSQL_URL));
        JdbcUrl url = connector.adapt(given);
        TestDatabase probe = new TestDatabase(DatabaseKind.MYSQL, url,
                settings.getOrDefault(Settings.MYSQL_URL + "_USER", "root"),
                settings.getOrDefault(Settings.MYSQL_URL + "_PASSWORD", ""),
                "existing server from " + Settings.MYSQL_URL);
        String version = reach(probe, Settings.MYSQL_URL);
        DatabaseKind kind = version.toLowerCase(Locale.ROOT).contains("mariadb")
                ? DatabaseKind.MARIADB : DatabaseKind.MYSQL;
        return new TestDatabase(kind, url, probe.user(), probe.password(),
                "existing " + (kind == DatabaseKind.MARIADB ? "MariaDB " : "MySQL ") + version + " from "
                        + Settings.MYSQL_URL + " via " + connector.displayName());
    }

    private static String reach(TestDatabase database, String setting) throws SQLException {
        try (Connection connection = database.open()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new SQLException(setting + " names " + database.jdbcUrl() + " (user " + database.user()
                    + ") but connecting failed: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }
}
