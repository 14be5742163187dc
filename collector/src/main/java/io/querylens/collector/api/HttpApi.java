package io.querylens.collector.api;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The collector's HTTP endpoints on the JDK's server: {@code /metrics} (Prometheus text, through the official
 * client's handler), {@code /api/findings}, {@code /api/queries}, {@code /api/databases} (JSON) and
 * {@code /health}. With a token, every request must carry {@code Authorization: Bearer <token>} or gets 401, on every
 * path, known or not, {@code /health} included: one rule is easier to trust than a list of exceptions.
 *
 * <p>The JSON holds text that applications and databases chose (shape texts, table and column names). Besides
 * Jackson's JSON escaping, {@code <}, {@code >}, {@code &}, {@code '}, U+2028/U+2029 and surrogates are written as
 * JSON unicode escapes, so that a page embedding a response in a script block, or an old JavaScript parser, cannot be
 * broken out of; every response carries {@code X-Content-Type-Options: nosniff} so a browser never reads it as HTML.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper(
            new JsonFactoryBuilder().characterEscapes(new ScriptSafeEscapes()).build());

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
        server.createContext("/", guarded(token, exchange -> respond(exchange, 404, "text/plain",
                "not found\n".getBytes(StandardCharsets.UTF_8))));
        server.createContext("/health", guarded(token, exchange -> {
            boolean ok = healthy.get();
            respond(exchange, ok ? 200 : 503, "text/plain", (ok ? "ok\n" : "starting\n").getBytes(StandardCharsets.UTF_8));
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Each finding as its findings-file line reads back. One that does not read back (Jackson refuses a lone
     * surrogate in a field name, for one) is left out and logged, rather than failing the whole list.
     */
    private static List<Map<String, Object>> findings(CollectorState state) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding finding : state.findings().merged()) {
            try {
                byte[] line = FindingsFileFormat.toLine(finding);
                @SuppressWarnings("unchecked")
                Map<String, Object> asMap = JSON.readValue(line, LinkedHashMap.class);
                findings.add(asMap);
            } catch (IOException | RuntimeException unreadable) {
                LOG.log(Level.WARNING, "QueryLens collector: finding " + finding.kind() + " "
                        + finding.fingerprint() + " left out of /api/findings: " + unreadable.getMessage());
            }
        }
        return findings;
    }

    /**
     * The token check, then the handler. {@link MessageDigest#isEqual} takes time that depends only on the expected
     * value's length, never on where the presented one first differs. A handler's failure is answered with 500 and
     * logged (the JDK server would otherwise just close the connection and say nothing).
     */
    private static HttpHandler guarded(String token, HttpHandler handler) {
        byte[] expected = token == null || token.isEmpty() ? null
                : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            if (expected != null) {
                String presented = exchange.getRequestHeaders().getFirst("Authorization");
                if (presented == null
                        || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    respond(exchange, 401, "text/plain", "unauthorized\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException failed) {
                LOG.log(Level.WARNING, "QueryLens collector: " + exchange.getRequestURI().getPath() + " failed",
                        failed);
                if (exchange.getResponseCode() < 0) {
                    respond(exchange, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.UTF_8));
                }
            }
        };
    }

    private static void json(HttpExchange exchange, Object value) throws IOException {
        respond(exchange, 200, "application/json", JSON.writeValueAsBytes(value));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Jackson's escapes plus the chars that end a script block or a JavaScript string in old parsers. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        ScriptSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Surrogates too: a lone one (text cut mid-pair) has no UTF-8 form, but its JSON escape reads back exact.
            boolean escape = ch == 0x2028 || ch == 0x2029 || (ch >= 0xD800 && ch <= 0xDFFF);
            return escape ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
