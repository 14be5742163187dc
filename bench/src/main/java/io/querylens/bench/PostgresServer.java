package io.querylens.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL server of {@link PostgresBench}, with its tables ready: the server named by
 * {@code -Dquerylens.bench.postgresUrl} (what {@link OverheadReport} passes to every fork, so all variants share one
 * server and one data set), else an embedded PostgreSQL 17 (zonky) started in this JVM and stopped at exit.
 *
 * <p>The embedded server runs with {@code fsync} and {@code synchronous_commit} off: the benchmark measures what the
 * JDBC layers add, and a commit waiting for a shared disk would bury that in the disk's noise. Queries still go over
 * TCP to a separate server process and are parsed, planned and executed: every cost the wrappers compete with except
 * the flush.
 */
final class PostgresServer {
    static final String URL_PROPERTY = "querylens.bench.postgresUrl";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    /** Rows of {@code account}: select and update by a primary key spread over all of them. */
    static final int ROWS = 100_000;

    static final String SELECT_BY_KEY = Workloads.SELECT_BY_KEY;
    static final String UPDATE_BY_KEY = Workloads.UPDATE_BY_KEY;
    /** Batches go to a table of their own, emptied between iterations, so {@code account} stays at {@link #ROWS}. */
    static final String INSERT = "insert into account_insert (id, name, version) values (?, ?, ?)";

    private static Database database;

    private PostgresServer() {
    }

    static synchronized Database database() throws SQLException {
        if (database == null) {
            String url = System.getProperty(URL_PROPERTY);
            Database chosen = url != null ? new Database(url, USER, PASSWORD) : startEmbedded();
            createTables(chosen);
            database = chosen;
        }
        return database;
    }

    /** Starts an embedded server that lives as long as this JVM; for the report process and standalone forks. */
    static Database startEmbedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // Other processes may be starting servers on the same two cores.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new Database("jdbc:postgresql://localhost:" + server.getPort() + "/postgres", USER, PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL (zonky)", e);
        }
    }

    /** Idempotent: a second fork on the same server finds the 100k rows and only checks them. */
    static void createTables(Database database) throws SQLException {
        try (Connection connection = database.connect(database.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists account ("
                    + "id bigint primary key, name text not null, version bigint not null)");
            statement.execute("create table if not exists account_insert ("
                    + "id bigint primary key, name text not null, version bigint not null)");
            long rows;
            try (ResultSet count = statement.executeQuery("select count(*) from account")) {
                count.next();
                rows = count.getLong(1);
            }
            if (rows != ROWS) {
                statement.execute("truncate account");
                statement.execute("insert into account (id, name, version) "
                        + "select g, 'customer-' || g, 0 from generate_series(1, " + ROWS + ") g");
                statement.execute("analyze account");
            }
        }
    }

    /** Empties the batch table, outside the measured time. */
    static void emptyInsertTable(Database database) throws SQLException {
        try (Connection connection = database.connect(database.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("truncate account_insert");
        }
    }

    /**
     * The {@code n}th key of a walk over all {@link #ROWS} keys in a scattered order (a prime stride), so that
     * consecutive operations do not touch neighbouring index pages.
     */
    static long key(long n) {
        return 1 + Math.floorMod(n * 7919L, (long) ROWS);
    }
}
