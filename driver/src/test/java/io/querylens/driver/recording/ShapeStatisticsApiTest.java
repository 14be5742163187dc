package io.querylens.driver.recording;

import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.sql.StatementKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The public per-shape statistics ({@code QueryLens.shapes()}) after real executions through {@code jdbc:querylens:}
 * on PostgreSQL: executions, errors, rows read and updated, percentiles in order, the shape text; and exact totals
 * when many threads run the same shape.
 */
class ShapeStatisticsApiTest {
    private static final String READ = "select id, label from stats_items where id <= ? order by id";
    private static TestDatabase database;

    @BeforeAll
    static void createTable() throws SQLException {
        database = TestDatabases.postgres().freshSchema("shape_statistics");
        try (Connection raw = database.open(); Statement statement = raw.createStatement()) {
            statement.execute("create table stats_items (id int primary key, label text not null)");
            statement.execute("insert into stats_items select g, 'item ' || g from generate_series(1, 50) g");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    @Test
    void executionsErrorsRowsAndPercentilesPerShape() throws SQLException {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DETECTORS_DISABLED, "unindexed").build());
        try (Connection connection = connect()) {
            try (PreparedStatement read = connection.prepareStatement(READ)) {
                for (int i = 0; i < 10; i++) {
                    read.setInt(1, 3);
                    try (ResultSet rows = read.executeQuery()) {
                        while (rows.next()) {
                            rows.getString(2);
                        }
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update stats_items set label = label where id <= ?")) {
                update.setInt(1, 4);
                assertThat(update.executeUpdate()).isEqualTo(4);
            }
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("select 1 / (id - id) from stats_items where id = 1"))
                        .isInstanceOf(SQLException.class);
            }
        }

        ShapeSnapshot read = shape("select id, label from stats_items where id <= ? order by id");
        assertThat(read.executions()).isEqualTo(10);
        assertThat(read.rows()).isEqualTo(30);
        assertThat(read.errors()).isZero();
        assertThat(read.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(read.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(read.p50Micros()).isPositive().isLessThanOrEqualTo(read.p95Micros());
        assertThat(read.p95Micros()).isLessThanOrEqualTo(read.p99Micros());
        assertThat(read.p99Micros()).isLessThanOrEqualTo(read.maxMicros());

        assertThat(shape("update stats_items set label = label where id <= ?").rows()).isEqualTo(4);
        ShapeSnapshot failed = shape("select ? / (id - id) from stats_items where id = ?");
        assertThat(failed.executions()).isEqualTo(1);
        assertThat(failed.errors()).isEqualTo(1);
    }

    @Test
    void aQueryIsCountedWithItsRowsOnceTheApplicationIsDoneWithItsResultSet() throws SQLException {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DETECTORS_DISABLED, "unindexed").build());
        String leftOpen = "select id from stats_items where id <= ? and label like ?";
        try (Connection connection = connect(); PreparedStatement read = connection.prepareStatement(leftOpen)) {
            read.setInt(1, 5);
            read.setString(2, "item%");
            ResultSet first = read.executeQuery();
            first.next();
            first.next();
            assertThat(shape(leftOpen).executions()).as("result set still open").isZero();

            ResultSet second = read.executeQuery(); // runs again: the first result set is closed by the driver
            assertThat(shape(leftOpen).executions()).isEqualTo(1);
            assertThat(shape(leftOpen).rows()).isEqualTo(2);
            while (second.next()) {
                second.getInt(1);
            }
        } // closing the statement is being done with its second result set, left open

        assertThat(shape(leftOpen).executions()).isEqualTo(2);
        assertThat(shape(leftOpen).rows()).isEqualTo(7);
        assertThat(shape(leftOpen).p50Micros()).isPositive();

        String viaExecute = "select id from stats_items where id between ? and ?";
        try (Connection connection = connect(); PreparedStatement read = connection.prepareStatement(viaExecute)) {
            read.setInt(1, 10);
            read.setInt(2, 12);
            assertThat(read.execute()).isTrue();
            assertThat(shape(viaExecute).executions()).as("execute() records at once").isEqualTo(1);
            try (ResultSet rows = read.getResultSet()) {
                while (rows.next()) {
                    rows.getInt(1);
                }
            }
        }
        assertThat(shape(viaExecute).executions()).isEqualTo(1);
        assertThat(shape(viaExecute).rows()).isEqualTo(3);
    }

    @Test
    void manyThreadsOnOneShapeGiveExactTotals() throws Exception {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DETECTORS_DISABLED, "unindexed").build());
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (Connection connection = connect();
                         PreparedStatement read = connection.prepareStatement(READ)) {
                        for (int i = 0; i < perThread; i++) {
                            read.setInt(1, 2);
                            try (ResultSet rows = read.executeQuery()) {
                                while (rows.next()) {
                                    rows.getInt(1);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        ShapeSnapshot read = shape(READ);
        assertThat(read.executions()).isEqualTo((long) threads * perThread);
        assertThat(read.rows()).isEqualTo(2L * threads * perThread);
    }

    private static ShapeSnapshot shape(String text) {
        return QueryLens.shapes().stream().filter(s -> s.sql().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no shape " + text + " in " + QueryLens.shapes()));
    }
}
