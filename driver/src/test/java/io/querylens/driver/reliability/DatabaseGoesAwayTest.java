package io.querylens.driver.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, "Faults": PostgreSQL ends the application's backend ({@code pg_terminate_backend} from a second, admin
 * connection) while a statement runs and inside an open transaction. Each case runs twice, over a HikariCP pool on
 * the raw driver and over one on {@code jdbc:querylens:}; the application must see the same exception (class,
 * SQLState, message) and the pool must evict and recover the same way. QueryLens's own analysis connections, ended
 * the same way, must come back for the next shape.
 */
class DatabaseGoesAwayTest {
    private static final String SCHEMA = "goes_away";
    private static TestDatabase database;
    private static HikariDataSource raw;
    private static HikariDataSource lens;

    @BeforeAll
    static void pools() throws SQLException {
        database = TestDatabases.postgres().freshSchema(SCHEMA);
        try (Connection admin = database.open(); Statement statement = admin.createStatement()) {
            statement.execute("create table accounts (id int primary key, owner_id int not null, region int not null)");
            statement.execute("insert into accounts select g, g % 1000, g % 50 from generate_series(1, 20000) g");
            statement.execute("analyze accounts");
        }
        QueryLens.configure(QueryLensConfig.builder()
                .set(ConfigKey.EXPLAIN_MAX_PER_MINUTE, 10_000)
                .set(ConfigKey.ADVISOR_SETTLE_MILLIS, 0)
                .set(ConfigKey.ADVISOR_INTERVAL_SECONDS, 1)
                .set(ConfigKey.QUEUE_DIR, "")
                .build());
        raw = pool("raw", database.jdbcUrl());
        lens = pool("lens", database.querylensUrl());
    }

    @AfterAll
    static void close() {
        raw.close();
        lens.close();
    }

    private static HikariDataSource pool(String name, String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    @Test
    void aBackendEndedMidStatementFailsExactlyAsWithoutQueryLensAndThePoolRecovers() throws Exception {
        Outcome withoutLens = endedWhileSleeping(raw);
        Outcome withLens = endedWhileSleeping(lens);

        assertThat(withLens.failure()).isEqualTo(withoutLens.failure());
        System.out.println("backend ended mid-statement, raw and through QueryLens: " + withLens);
        assertThat(withLens.failure().sqlState()).isEqualTo("57P01"); // admin_shutdown
        assertThat(withLens.failure().message()).contains("terminating connection due to administrator command");
        assertThat(withLens.recovered()).isEqualTo(withoutLens.recovered()).isTrue();
        long sleepErrors = QueryLens.shapes().stream().filter(s -> s.sql().startsWith("select pg_sleep"))
                .mapToLong(s -> s.errors()).sum();
        assertThat(sleepErrors).as("QueryLens counted the failed execution: %s", QueryLens.shapes()).isEqualTo(1);
    }

    @Test
    void aBackendEndedInsideATransactionFailsExactlyAsWithoutQueryLensAndNothingIsCommitted() throws Exception {
        Outcome withoutLens = endedInsideTransaction(raw, 900_001);
        Outcome withLens = endedInsideTransaction(lens, 900_002);

        assertThat(withLens.failure()).isEqualTo(withoutLens.failure());
        System.out.println("backend ended inside a transaction, raw and through QueryLens: " + withLens);
        // pgjdbc reads the server's FATAL notice (57P01) or, had the socket gone first, reports an I/O error.
        assertThat(withLens.failure().sqlState()).isIn("57P01", "08006");
        assertThat(withLens.recovered()).isEqualTo(withoutLens.recovered()).isTrue();
        try (Connection admin = database.open(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from accounts where id > 900000")) {
            rows.next();
            assertThat(rows.getInt(1)).as("neither transaction committed").isZero();
        }
    }

    @Test
    void queryLensAnalysisConnectionsComeBackAfterTheirBackendsAreEnded() throws Exception {
        String byOwner = "select id from accounts where owner_id = ?";
        String byRegion = "select id from accounts where region = ?";
        try (Connection app = lens.getConnection()) {
            run(app, byOwner, 7);
            assertThat(QueryLens.awaitAnalysis(Duration.ofSeconds(60))).isTrue();
            assertThat(unindexed(byOwner)).as("analysed before the fault").hasSize(1);

            assertThat(endAnalysisSessions()).as("QueryLens's analysis sessions ended").isGreaterThanOrEqualTo(1);

            run(app, byRegion, 7);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                QueryLens.awaitAnalysis(Duration.ofSeconds(5));
                assertThat(unindexed(byRegion)).as("a new shape is analysed on a fresh connection").hasSize(1);
            });

            // The schema advisor shares the analysis connections: a table it has not seen gets its checks too.
            try (Connection admin = database.open(); Statement statement = admin.createStatement()) {
                statement.execute("create table invoices (id int primary key, amount double precision)");
            }
            endAnalysisSessions();
            run(app, "select id, amount from invoices where id = ?", 1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                QueryLens.awaitAnalysis(Duration.ofSeconds(5));
                assertThat(QueryLens.findings()).anySatisfy(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.IMPRECISE_MONEY_TYPE);
                    assertThat(f.columns()).containsExactly("amount");
                });
            });
        }
    }

    private Outcome endedWhileSleeping(HikariDataSource pool) throws Exception {
        Failure failure;
        int ended;
        try (Connection connection = pool.getConnection()) {
            ended = backendPid(connection);
            CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement sleep = connection.prepareStatement("select pg_sleep(?)")) {
                    sleep.setInt(1, 5);
                    sleep.execute();
                    return null;
                } catch (SQLException expected) {
                    return expected;
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> isRunning(ended, "pg_sleep"));
            terminate(ended);
            failure = Failure.of(sleeping.get(30, TimeUnit.SECONDS));
        }
        return new Outcome(failure, recovered(pool, ended));
    }

    private Outcome endedInsideTransaction(HikariDataSource pool, int id) throws Exception {
        Failure failure;
        int ended;
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            ended = backendPid(connection);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into accounts (id, owner_id, region) values (?, 1, 1)")) {
                insert.setInt(1, id);
                insert.executeUpdate();
                terminate(ended);
                await().atMost(Duration.ofSeconds(30)).until(() -> !isConnected(ended));
                insert.setInt(1, id + 10);
                SQLException seen = null;
                try {
                    insert.executeUpdate();
                } catch (SQLException expected) {
                    seen = expected;
                }
                failure = Failure.of(seen);
            }
        }
        return new Outcome(failure, recovered(pool, ended));
    }

    /** Every connection the pool hands out afterwards works and none is the ended backend. */
    private static boolean recovered(HikariDataSource pool, int ended) throws SQLException {
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Connection connection = pool.getConnection();
                all.add(connection);
                if (backendPid(connection) == ended) {
                    return false;
                }
            }
            return pool.getHikariPoolMXBean().getTotalConnections() == 2;
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
    }

    private static int endAnalysisSessions() throws SQLException {
        try (Connection admin = database.open(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) "
                     + "from pg_stat_activity where application_name = 'querylens-analysis'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<Finding> unindexed(String sql) {
        String fingerprint = Fingerprinter.fingerprint(sql, Dialect.POSTGRESQL).hexId();
        return QueryLens.findings().stream()
                .filter(f -> f.kind() == FindingKind.UNINDEXED_PREDICATE && fingerprint.equals(f.fingerprint()))
                .toList();
    }

    private static void run(Connection connection, String sql, int bind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, bind);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean isRunning(int pid, String queryContains) throws SQLException {
        try (Connection admin = database.open();
             PreparedStatement statement = admin.prepareStatement("select count(*) from pg_stat_activity "
                     + "where pid = ? and state = 'active' and query like ?")) {
            statement.setInt(1, pid);
            statement.setString(2, "%" + queryContains + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static boolean isConnected(int pid) throws SQLException {
        try (Connection admin = database.open();
             PreparedStatement statement = admin.prepareStatement(
                     "select count(*) from pg_stat_activity where pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static void terminate(int pid) throws SQLException {
        try (Connection admin = database.open();
             PreparedStatement statement = admin.prepareStatement("select pg_terminate_backend(?)")) {
            statement.setInt(1, pid);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getBoolean(1)).as("backend %d terminated", pid).isTrue();
            }
        }
    }

    /** What the application saw, in the terms a differential comparison needs. */
    record Failure(String exceptionClass, String sqlState, String message) {
        static Failure of(SQLException seen) {
            assertThat((Object) seen).as("the statement failed").isNotNull();
            return new Failure(seen.getClass().getName(), seen.getSQLState(), seen.getMessage());
        }
    }

    record Outcome(Failure failure, boolean recovered) {
    }
}
