package io.querylens.collector.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.collector.CollectorMain;
import io.querylens.collector.process.ChildProcess;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the process-level fault tests share: one PostgreSQL table, application JVMs ({@link LoadedApplication}) and
 * collector JVMs on one queue, and the collector's totals read back through its JSON API.
 */
final class FaultRig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final TestDatabase postgres;
    final Path work;
    final Path queue;
    private int started;

    FaultRig(Path work, Path queue) throws SQLException {
        this.work = work;
        this.queue = queue;
        this.postgres = TestDatabases.postgres();
        try (Connection connection = postgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists " + LoadedApplication.TABLE
                    + " (id int primary key, note text)");
            statement.execute("insert into " + LoadedApplication.TABLE
                    + " select g, 'note ' || g from generate_series(0, 9) g on conflict do nothing");
        }
    }

    /** Seconds a test that "runs for minutes" in the issue runs here; longer runs: -Dquerylens.reliability.seconds. */
    static int runSeconds(int ciDefault) {
        return Integer.getInteger("querylens.reliability.seconds", ciDefault);
    }

    ChildProcess application(String name, int threads, int shapes) throws Exception {
        ChildProcess app = new ChildProcess(name, LoadedApplication.class, List.of(),
                List.of(postgres.querylensUrl(), postgres.user(), postgres.password(), queue.toString(), name,
                        Integer.toString(threads), Integer.toString(shapes), counterFile(name).toString()),
                work.resolve(name + ".log"));
        app.awaitLine("ready", 60);
        return app;
    }

    Path counterFile(String app) {
        return work.resolve(app + ".started");
    }

    /** Statements the application started (read from its memory-mapped counters, valid after a SIGKILL too). */
    long startedBy(String app) throws IOException {
        // Big-endian, the mapped buffer's default order, as LoadedApplication wrote it.
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(counterFile(app)));
        long total = 0;
        while (bytes.remaining() >= 8) {
            total += bytes.getLong();
        }
        return total;
    }

    Collector collector() throws Exception {
        started++;
        ChildProcess process = new ChildProcess("collector-" + started, CollectorMain.class, List.of(),
                List.of("--queue", queue.toString(), "--listen", "127.0.0.1:0",
                        "--state-dir", work.resolve("collector-state").toString(), "--checkpoint-seconds", "1"),
                work.resolve("collector-" + started + ".log"));
        String line = process.awaitLine("listening on", 60);
        return new Collector(process, Integer.parseInt(line.replaceAll(".*\\(port (\\d+)\\).*", "$1")));
    }

    /** A running collector JVM and its port. */
    record Collector(ChildProcess process, int port) implements AutoCloseable {

        /** Executions of the rig's table's shapes the collector has merged (every application, every shape). */
        long executions() throws Exception {
            long total = 0;
            for (JsonNode query : get("/api/queries")) {
                if (query.path("sql").asText().contains("from " + LoadedApplication.TABLE + " where id")) {
                    total += query.path("executions").asLong();
                }
            }
            return total;
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    /** The number from a {@code done N …} or {@code progress N} line. */
    static long number(String line) {
        return Long.parseLong(line.trim().split(" ")[1]);
    }
}
