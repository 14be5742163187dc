package io.querylens.collector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.collector.CollectorMain;
import io.querylens.collector.process.ChildProcess;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application JVMs write one queue through {@code jdbc:querylens:} against embedded PostgreSQL; the collector, a
 * child JVM too, is killed with SIGKILL mid-stream and restarted; its merged counts must still equal the executions
 * exactly, and PostgreSQL's own statistics must appear next to the same shape.
 */
class CollectorEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestDatabase postgres;

    @TempDir
    Path work;

    @BeforeAll
    static void table() throws Exception {
        postgres = TestDatabases.postgres();
        try (Connection connection = postgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists collector_e2e");
            statement.execute("create table collector_e2e (id int primary key, note text)");
            statement.execute("create index collector_e2e_note on collector_e2e (note)");
            statement.execute("insert into collector_e2e select g, 'note ' || g from generate_series(0, 9) g");
        }
    }

    @Test
    void mergedCountsStayExactAcrossAKill9OfTheCollector() throws Exception {
        Path queue = work.resolve("queue");
        int executionsPerApp = 6_000;
        List<String> collectorArgs = List.of("--queue", queue.toString(), "--listen", "127.0.0.1:0",
                "--state-dir", work.resolve("state").toString(), "--checkpoint-seconds", "1", "--poll-seconds", "1",
                "--db", "main=" + postgres.jdbcUrlWithCredentials());
        ChildProcess collector = new ChildProcess("collector-1", CollectorMain.class, List.of(),
                collectorArgs, work.resolve("collector-1.log"));
        try (ChildProcess first = app(queue, "orders", executionsPerApp);
             ChildProcess second = app(queue, "billing", executionsPerApp)) {
            int port = portOf(collector);
            await().atMost(Duration.ofSeconds(60)).until(() -> totalExecutions(port) > 0);
            collector.kill9();
            collector = new ChildProcess("collector-2", CollectorMain.class, List.of(),
                    collectorArgs, work.resolve("collector-2.log"));
            int restartedPort = portOf(collector);
            assertThat(first.awaitExit(120)).isZero();
            assertThat(second.awaitExit(120)).isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> totalExecutions(restartedPort) >= 2L * executionsPerApp);
            Thread.sleep(2_000); // anything counted twice would show up after the last event
            assertThat(totalExecutions(restartedPort)).isEqualTo(2L * executionsPerApp);

            JsonNode queries = get(restartedPort, "/api/queries");
            JsonNode select = null;
            for (JsonNode query : queries) {
                if (query.path("sql").asText().contains("from collector_e2e where id")) {
                    select = query;
                }
            }
            assertThat(select).as("the shape in /api/queries: %s", queries).isNotNull();
            JsonNode selectShape = select;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode fresh = shape(get(restartedPort, "/api/queries"), selectShape.path("shape").asText());
                assertThat(fresh.path("database")).as("pg_stat_statements correlated with the shape").isNotEmpty();
                assertThat(fresh.path("database").get(0).path("calls").asLong())
                        .isGreaterThanOrEqualTo(2L * executionsPerApp);
                assertThat(fresh.path("tables").toString()).contains("collector_e2e", "seqScans");
            });
            String metrics = getText(restartedPort, "/metrics");
            assertThat(metrics).contains("querylens_query_duration_seconds_bucket{",
                    "querylens_db_statement_calls_total{db=\"main\",shape=\"" + selectShape.path("shape").asText(),
                    "querylens_db_cache_hit_ratio{db=\"main\"}", "querylens_collector_events_total{",
                    "querylens_db_table_seq_scans_total{", "querylens_db_connections_used_ratio{",
                    "querylens_query_shape_info{kind=\"select\",shape=\"" + selectShape.path("shape").asText()
                            + "\",sql=\"select id, note from collector_e2e where id = ?\"} 1.0",
                    "querylens_db_index_scans_total{db=\"main\",index=\"collector_e2e_note\",schema=\"public\","
                            + "table=\"collector_e2e\"} 0.0",
                    "querylens_db_lock_wait_seconds{db=\"main\"} 0.0",
                    "querylens_internal_errors_total{component=\"ingest\"} 0.0");
        } finally {
            collector.close();
        }
    }

    private ChildProcess app(Path queue, String name, int executions) throws IOException {
        return new ChildProcess(name, ApplicationProcess.class, List.of(), List.of(postgres.querylensUrl(),
                postgres.user(), postgres.password(), queue.toString(), name, Integer.toString(executions), "60"),
                work.resolve(name + ".log"));
    }

    private static int portOf(ChildProcess collector) throws InterruptedException {
        String line = collector.awaitLine("listening on", 60);
        return Integer.parseInt(line.replaceAll(".*\\(port (\\d+)\\).*", "$1"));
    }

    private static long totalExecutions(int port) throws Exception {
        long total = 0;
        for (JsonNode query : get(port, "/api/queries")) {
            if (query.path("sql").asText().contains("from collector_e2e where id")) {
                total += query.path("executions").asLong();
            }
        }
        return total;
    }

    static JsonNode shape(JsonNode queries, String shape) {
        for (JsonNode query : queries) {
            if (query.path("shape").asText().equals(shape)) {
                return query;
            }
        }
        throw new AssertionError("no shape " + shape + " in " + queries);
    }

    static JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(getText(port, path));
    }

    static String getText(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }
}
