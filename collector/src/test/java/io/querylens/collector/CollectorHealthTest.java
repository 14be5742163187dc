package io.querylens.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /health} answers 200 once every queue was read to its end, and the JSON API answers (empty) before any
 * application wrote anything; the collector binds loopback. Issue 8.
 */
class CollectorHealthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void healthIsOkOnceEveryQueueIsReadAndTheApiAnswersEmpty() throws Exception {
        CollectorSettings settings = new CollectorSettings(List.of(work.resolve("queue-a"), work.resolve("queue-b")),
                Map.of(), "127.0.0.1:0", null, false, work.resolve("state"), 100, 60_000, 1_000, 30_000);
        try (Collector collector = new Collector(settings)) {
            int port = collector.port();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = get(port, "/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).isEqualTo("ok\n");
            });
            assertThat(get(port, "/api/findings").body().trim()).isEqualTo("[]");
            assertThat(get(port, "/api/queries").body().trim()).isEqualTo("[]");
            assertThat(get(port, "/metrics").body()).contains("querylens_collector_processes 0.0");
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
