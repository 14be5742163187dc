package io.querylens.grafana;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Serves {@code sample-metrics.txt} (a static exposition of every agreed metric) at {@code /metrics} on a loopback
 * port, standing in for the collector until the dashboards' queries can run against the real one.
 */
final class SampleMetricsEndpoint implements AutoCloseable {
    static final String RESOURCE = "/sample-metrics.txt";
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private SampleMetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    static SampleMetricsEndpoint start() throws IOException {
        byte[] exposition;
        try (InputStream in = SampleMetricsEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            exposition = in.readAllBytes();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", TEXT_FORMAT);
            exchange.sendResponseHeaders(200, exposition.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(exposition);
            }
        });
        server.start();
        return new SampleMetricsEndpoint(server);
    }

    URI metricsUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
