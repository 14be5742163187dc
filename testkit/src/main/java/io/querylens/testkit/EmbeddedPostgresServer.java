package io.querylens.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 17 from zonky's binaries, run as a child process of this JVM. zonky unpacks the binaries once into a
 * folder shared by every process on the machine (guarded by a file lock) and gives each server its own data folder,
 * deleted when the server stops.
 */
final class EmbeddedPostgresServer {
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private EmbeddedPostgresServer() {
    }

    static TestDatabase start() throws IOException, SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // Other test JVMs may be starting servers on the same two cores.
                .setPGStartupWait(Duration.ofSeconds(60))
                // Ours stops every server in order; zonky's own hook would race it.
                .setRegisterShutdownHook(false)
                .start();
        ServersToStop.register("embedded PostgreSQL on port " + server.getPort(), server::close);
        TestDatabase database = new TestDatabase(DatabaseKind.POSTGRESQL,
                JdbcUrl.parse("jdbc:postgresql://localhost:" + server.getPort() + "/postgres"),
                USER, PASSWORD, "embedded PostgreSQL 17 (zonky)");
        enablePgStatStatements(database);
        return database;
    }

    static void enablePgStatStatements(TestDatabase database) throws SQLException {
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }
}
