package io.querylens.collector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.collector.Collector;
import io.querylens.collector.CollectorSettings;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The collector polls PostgreSQL as the read-only role of README's "Read-only analysis role": without
 * {@code pg_read_all_stats} other roles' statements are hidden from it, with the grant they are matched to shapes, and
 * the role cannot write either way.
 */
class ReadOnlyCollectorRoleTest {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private static final String ROLE = "querylens_collector_ro";
    private static final String PASSWORD = "collector-ro-Pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private Collector collector;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void readOnlyRoleSeesOtherRolesStatementsOnlyWithPgReadAllStatsAndCannotWrite() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        try (Connection admin = postgres.open()) {
            execute(admin, "drop table if exists ro_collector_orders");
            execute(admin, "create table ro_collector_orders (id int primary key, note text)");
            execute(admin, "do $$ begin if not exists (select from pg_roles where rolname = '" + ROLE + "') then"
                    + " create role " + ROLE + " login password '" + PASSWORD + "'; end if; end $$");
            execute(admin, "revoke pg_read_all_stats from " + ROLE);
            execute(admin, "alter role " + ROLE + " set default_transaction_read_only = on");
            execute(admin, "select count(*) from ro_collector_orders where note = 'by the application role'");
        }
        String url = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "user=" + ROLE
                + "&password=" + PASSWORD;
        collector = new Collector(new CollectorSettings(List.of(work.resolve("queue")), Map.of("main", url),
                "127.0.0.1:0", null, false, work.resolve("state"), 100, 500, 60_000, 30_000));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode main = database();
            assertThat(main.path("statements").size()).as("own statements are visible").isPositive();
            assertThat(main.path("statements").toString()).doesNotContain("from ro_collector_orders where note");
            assertThat(main.path("tables").toString()).contains("ro_collector_orders");
        });

        try (Connection admin = postgres.open()) {
            execute(admin, "grant pg_read_all_stats to " + ROLE);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode main = database();
            assertThat(main.path("statements").toString())
                    .contains("select count (*) from ro_collector_orders where note = ?");
            assertThat(main.path("unavailable")).isEmpty();
        });

        try (Connection readOnly = DriverManager.getConnection(url); Statement statement = readOnly.createStatement()) {
            assertThatThrownBy(() -> statement.execute("insert into ro_collector_orders values (1, 'x')"))
                    .isInstanceOf(SQLException.class);
            statement.execute("set default_transaction_read_only = off");
            assertThatThrownBy(() -> statement.execute("insert into ro_collector_orders values (1, 'x')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    private JsonNode database() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.port() + "/api/databases")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode databases = JSON.readTree(response.body());
        assertThat(databases).hasSize(1);
        return databases.get(0);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
