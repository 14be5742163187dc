package io.querylens.collector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.collector.Collector;
import io.querylens.collector.CollectorSettings;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.StatementKind;
import io.querylens.driver.stream.StreamEvent;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's HTTP surface: a token guards every path, and the JSON API returns hostile text (chosen by
 * applications and databases) as valid, script-safe JSON. Issue "Reliability and security", section "Security".
 */
class CollectorHttpSecurityTest {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private static final String TOKEN = "t0ken-with-some-length-9f3a_~.+/=";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> PATHS = List.of("/metrics", "/health", "/api/findings", "/api/queries",
            "/api/databases", "/", "/nothing-here", "/api/findings?kind=n_plus_one");
    /** Text that breaks naive JSON, HTML embedding or JavaScript string parsing. */
    static final String HOSTILE = "</script><script>alert(1)</script> \"quoted\" back\\slash \u0000\u0001\u001f"
            + " tab\t nl\n cr\r \u2028 \u2029 & ' <!-- \uD83D\uDE00 \uD800 lone";

    private static final String HOSTILE_KEY = HOSTILE.replace("\uD800", "");

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
    void everyPathAnswers401WithoutTheRightTokenAndServesWithIt() throws Exception {
        collector = new Collector(settings(TOKEN));
        List<String> wrong = new ArrayList<>();
        wrong.add(null);
        wrong.addAll(List.of("Bearer", "Bearer ", "Bearer wrong", "Bearer " + TOKEN + "x",
                "Bearer " + TOKEN.substring(1), "bearer " + TOKEN, TOKEN, "Basic " + TOKEN, "Bearer  " + TOKEN,
                "Bearer " + TOKEN.toUpperCase()));
        for (String path : PATHS) {
            for (String method : List.of("GET", "POST", "HEAD", "DELETE")) {
                for (String authorization : wrong) {
                    HttpResponse<String> response = send(method, path, authorization);
                    assertThat(response.statusCode()).as("%s %s with %s", method, path, authorization).isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
                    if (!method.equals("HEAD")) {
                        assertThat(response.body()).isEqualTo("unauthorized\n");
                    }
                }
            }
            HttpResponse<String> allowed = send("GET", path, "Bearer " + TOKEN);
            boolean known = !path.equals("/") && !path.equals("/nothing-here");
            assertThat(allowed.statusCode()).as("GET %s with the token", path).isEqualTo(known ? 200 : 404);
        }
    }

    @Test
    void withoutATokenOnLoopbackEveryKnownPathServes() throws Exception {
        collector = new Collector(settings(null));
        for (String path : List.of("/metrics", "/health", "/api/findings", "/api/queries", "/api/databases")) {
            assertThat(send("GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void hostileTextRoundTripsAsValidScriptSafeJson() throws Exception {
        collector = new Collector(settings(TOKEN));
        StreamEvent.Origin origin = new StreamEvent.Origin(HOSTILE, "host", 1, 1);
        long shapeId = 0x1234_5678_9abc_def0L;
        Histogram histogram = new Histogram(3_600_000_000L, 2);
        histogram.recordValue(1_500);
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] compressed = java.util.Arrays.copyOf(buffer.array(), length);
        collector.state().apply(new StreamEvent.ShapeSeen(origin, 1L, HOSTILE, shapeId, StatementKind.SELECT, HOSTILE));
        collector.state().apply(new StreamEvent.ShapeInterval(origin, 2L, HOSTILE, shapeId, 0L, 0, 1, compressed));
        Finding finding = Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING)
                .fingerprint("123456789abcdef0").sql(HOSTILE).table(HOSTILE).columns(List.of(HOSTILE, "ok"))
                .callSite(HOSTILE).reason(HOSTILE).suggestion(HOSTILE).dataSource(HOSTILE)
                .detail("parentSql", HOSTILE).detail(HOSTILE_KEY, List.of(HOSTILE))
                .build();
        collector.state().findings().put("hostile-process", finding);
        // Jackson will not read a lone surrogate back in a field name: that one finding is left out, not the list.
        collector.state().findings().put("hostile-process", Finding.builder(FindingKind.REPEATED_QUERY,
                Severity.INFO).fingerprint("0fedcba987654321").sql("select ?").detail(HOSTILE, 1).build());

        ObjectMapper plainJackson = new ObjectMapper();
        for (String path : List.of("/api/findings", "/api/queries")) {
            HttpResponse<String> response = send("GET", path, "Bearer " + TOKEN);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            String body = response.body();
            assertThat(body).as(path).doesNotContain("</script>", "<script>", "<!--", "\u2028", "\u2029", "'")
                    .doesNotContainPattern("[\\x00-\\x1f]");
            JsonNode parsed = plainJackson.readTree(body);
            assertThat(parsed.isArray()).isTrue();
            assertThat(parsed).hasSize(1);
            JsonNode entry = parsed.get(0);
            String expected = HOSTILE;
            if (path.equals("/api/findings")) {
                assertThat(entry.path("sql").asText()).isEqualTo(expected);
                assertThat(entry.path("table").asText()).isEqualTo(expected);
                assertThat(entry.path("columns").get(0).asText()).isEqualTo(expected);
                assertThat(entry.path("callSite").asText()).isEqualTo(expected);
                assertThat(entry.path("details").path("parentSql").asText()).isEqualTo(expected);
                assertThat(entry.path("details").path(HOSTILE_KEY).get(0).asText()).isEqualTo(expected);
            } else {
                assertThat(entry.path("sql").asText()).isEqualTo(expected);
                assertThat(entry.path("app").asText()).isEqualTo(expected);
                assertThat(entry.path("dataSource").asText()).isEqualTo(expected);
            }
        }
        String metrics = send("GET", "/metrics", "Bearer " + TOKEN).body();
        assertThat(metrics).contains("querylens_query_shape_info{").doesNotContain("\u2028\u0000");
    }

    private CollectorSettings settings(String token) {
        return new CollectorSettings(List.of(work.resolve("queue")), Map.of(), "127.0.0.1:0", token, false,
                work.resolve("state"), 100, 60_000, 60_000, 30_000);
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
