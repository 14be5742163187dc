package io.querylens.examples.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.sink.FindingsFileFormat;
import io.querylens.examples.report.DemoReport;
import io.querylens.examples.report.LatencyBucket;
import io.querylens.examples.report.PrometheusHistograms;
import io.querylens.examples.report.ShapeLatency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's view of a running collector: its {@code /api/findings}, {@code /api/queries} and {@code /metrics},
 * read over HTTP the way any other client would.
 */
public final class CollectorApi {
    static final String DURATION_HISTOGRAM = "querylens_query_duration_seconds";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() {
    };

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CollectorApi(URI base) {
        this.base = base;
    }

    public URI address(String path) {
        return base.resolve(path);
    }

    /** The findings as the collector merged them, parsed in the findings-file format it serves them in. */
    public List<Finding> findings() throws IOException, InterruptedException {
        List<Finding> findings = new ArrayList<>();
        for (Map<String, Object> object : JSON.readValue(get("/api/findings"), OBJECTS)) {
            findings.add(FindingsFileFormat.fromLine(JSON.writeValueAsString(object)));
        }
        return findings;
    }

    public List<Map<String, Object>> queries() throws IOException, InterruptedException {
        return JSON.readValue(get("/api/queries"), OBJECTS);
    }

    public String metrics() throws IOException, InterruptedException {
        return get("/metrics");
    }

    /** Findings, per-shape percentiles from {@code /api/queries} and histograms from {@code /metrics}, together. */
    public DemoReport report() throws IOException, InterruptedException {
        List<Finding> findings = findings();
        Map<String, List<LatencyBucket>> histograms =
                PrometheusHistograms.perShape(metrics(), DURATION_HISTOGRAM);
        List<ShapeLatency> shapes = new ArrayList<>();
        for (Map<String, Object> query : queries()) {
            String shape = (String) query.get("shape");
            shapes.add(new ShapeLatency(shape, (String) query.get("sql"), number(query, "executions").longValue(),
                    number(query, "p50Millis").doubleValue(), number(query, "p95Millis").doubleValue(),
                    number(query, "p99Millis").doubleValue(), number(query, "maxMillis").doubleValue(),
                    histograms.getOrDefault(shape, List.of())));
        }
        return new DemoReport(Instant.now(), findings, shapes);
    }

    private static Number number(Map<String, Object> object, String field) {
        Object value = object.get(field);
        return value instanceof Number n ? n : 0;
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + base.resolve(path) + " answered " + response.statusCode());
        }
        return response.body();
    }
}
