package io.querylens.testkit;

import java.sql.SQLException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL 17 and a real MySQL 8 in Docker, for machines that have it. Testcontainers' own reaper container
 * removes them when the JVM exits; our shutdown hook stops them sooner.
 */
final class ContainerServers {
    private static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");
    private static final DockerImageName MYSQL_IMAGE = DockerImageName.parse("mysql:8.4");
    private static final String MYSQL_ROOT_PASSWORD = "querylens";

    private ContainerServers() {
    }

    /** Asking Docker costs a round trip (or a timeout), so it is asked only when containers were requested. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static TestDatabase postgres() throws SQLException {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "shared_preload_libraries=pg_stat_statements");
        container.start();
        ServersToStop.register("PostgreSQL container " + container.getContainerId(), container::stop);
        TestDatabase database = new TestDatabase(DatabaseKind.POSTGRESQL, JdbcUrl.parse(container.getJdbcUrl()),
                container.getUsername(), container.getPassword(), "PostgreSQL 17 in Docker (Testcontainers)");
        EmbeddedPostgresServer.enablePgStatStatements(database);
        return database;
    }

    /** Root, so tests can create databases; performance_schema is on by default in MySQL 8. */
    static TestDatabase mysql() {
        MySQLContainer<?> container = new MySQLContainer<>(MYSQL_IMAGE)
                .withUsername("root")
                .withPassword(MYSQL_ROOT_PASSWORD)
                .withDatabaseName(EmbeddedMariaDbServer.DATABASE);
        container.start();
        ServersToStop.register("MySQL container " + container.getContainerId(), container::stop);
        JdbcUrl url = Connector.MYSQL.adapt(JdbcUrl.parse(container.getJdbcUrl()));
        return new TestDatabase(DatabaseKind.MYSQL, url, container.getUsername(), container.getPassword(),
                "MySQL 8 in Docker (Testcontainers)");
    }
}
