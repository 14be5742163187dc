package io.querylens.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus process on a loopback port, scraping one {@code /metrics} endpoint every second, for the length of
 * a test class. The binary is {@code PROMETHEUS_BIN} (system property or environment variable), else
 * {@code /usr/bin/prometheus} from Debian's {@code prometheus} package. Without it the test fails: a dashboard check
 * that skips where Prometheus is missing would pass on every machine that cannot check anything.
 */
final class PrometheusServer implements AutoCloseable {
    static final String INSTALL_HINT = "apt-get install prometheus, or set PROMETHEUS_BIN";
    private static final String JOB = "querylens";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path workDir;
    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path workDir, URI baseUri) {
        this.process = process;
        this.workDir = workDir;
        this.baseUri = baseUri;
    }

    static Path binary() {
        String configured = System.getProperty("PROMETHEUS_BIN", System.getenv("PROMETHEUS_BIN"));
        Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/prometheus" : configured);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No Prometheus binary at " + binary + ": " + INSTALL_HINT);
        }
        return binary;
    }

    /** Starts Prometheus scraping {@code metricsUri} and returns once it has scraped it {@code scrapes} times. */
    static PrometheusServer scraping(URI metricsUri, int scrapes) throws IOException, InterruptedException {
        Path binary = binary();
        Path workDir = Files.createTempDirectory("querylens-prometheus");
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: %s
                    scheme: %s
                    metrics_path: "%s"
                    static_configs:
                      - targets: ["%s"]
                """.formatted(JOB, metricsUri.getScheme(), metricsUri.getRawPath(), metricsUri.getRawAuthority()));
        int port = freeLoopbackPort();
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, workDir, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitScrapes(scrapes);
            return server;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** Evaluates an instant query now; the answer's {@code data} node, or an error naming Prometheus's message. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The values a label takes on the series of one metric (what Grafana's {@code label_values} asks). */
    JsonNode labelValues(String label, String metric) throws IOException, InterruptedException {
        return get("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8));
    }

    String log() {
        try {
            return Files.readString(workDir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(baseUri.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("status").asText().equals("success")) {
            throw new PromQlError(response.statusCode() + " " + body.path("errorType").asText() + ": "
                    + body.path("error").asText());
        }
        return body.path("data");
    }

    private void awaitScrapes(int scrapes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastState = "not answering";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                // up is 1 for each successful scrape, so its sum over the window counts them.
                JsonNode result = query("sum_over_time(up{job=\"" + JOB + "\"}[5m])").path("result");
                if (result.size() == 1 && result.get(0).path("value").path(1).asDouble() >= scrapes) {
                    return;
                }
                lastState = "scrape results so far: " + query("up{job=\"" + JOB + "\"}").path("result");
            } catch (IOException | PromQlError e) {
                lastState = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus did not scrape the endpoint " + scrapes + " times within "
                + START_TIMEOUT + " (" + lastState + "):\n" + log());
    }

    private static int freeLoopbackPort() throws IOException {
        // Prometheus cannot report a port it chose itself, so we pick one; another process taking it in between
        // shows up as Prometheus exiting with "address already in use".
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    /** Prometheus refused a query: bad PromQL, an unknown function, a type error. */
    static final class PromQlError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PromQlError(String message) {
            super(message);
        }
    }
}
