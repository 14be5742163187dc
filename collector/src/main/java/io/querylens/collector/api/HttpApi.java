package io.querylens.collector.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.querylens.collector.dbstats.DatabaseStatistics;
import io.querylens.collector.merge.CollectorState;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.sink.FindingsFileFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The collector's HTTP endpoints on the JDK's server: {@code /metrics} (Prometheus text, through the official
 * client's handler), {@code /api/findings}, {@code /api/queries}, {@code /api/databases} (JSON) and
 * {@code /health}. With a token, every request must carry {@code Authorization: Bearer <token>} or gets 401.
 */
public final class HttpApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    public HttpApi(InetSocketAddress address, String token, PrometheusRegistry registry, CollectorState state,
                   Supplier<List<DatabaseStatistics>> databases, Supplier<Boolean> healthy) throws IOException {
        server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "querylens-collector-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/metrics", guarded(token, new MetricsHandler(registry)));
        server.createContext("/api/findings", guarded(token, exchange -> json(exchange, findings(state))));
        server.createContext("/api/queries", guarded(token,
                exchange -> json(exchange, QueryView.build(state, databases.get()))));
        server.createContext("/api/databases", guarded(token, exchange -> json(exchange, databases.get())));
        server.createContext("/health", guarded(token, exchange -> {
            boolean ok = healthy.get();
            respond(exchange, ok ? 200 : 503, "text/plain", (ok ? "ok\n" : "starting\n").getBytes(StandardCharsets.UTF_8));
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static List<Map<String, Object>> findings(CollectorState state) throws IOException {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding finding : state.findings().merged()) {
            byte[] line = FindingsFileFormat.toLine(finding);
            @SuppressWarnings("unchecked")
            Map<String, Object> asMap = JSON.readValue(line, LinkedHashMap.class);
            findings.add(asMap);
        }
        return findings;
    }

    private static HttpHandler guarded(String token, HttpHandler handler) {
        if (token == null || token.isEmpty()) {
            return handler;
        }
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            String presented = exchange.getRequestHeaders().getFirst("Authorization");
            if (presented == null
                    || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                respond(exchange, 401, "text/plain", "unauthorized\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            handler.handle(exchange);
        };
    }

    private static void json(HttpExchange exchange, Object value) throws IOException {
        respond(exchange, 200, "application/json", JSON.writeValueAsBytes(value));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
