package io.querylens.collector;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.querylens.collector.api.HttpApi;
import io.querylens.collector.dbstats.DatabasePoller;
import io.querylens.collector.ingest.Checkpoint;
import io.querylens.collector.ingest.IngestLoop;
import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.metrics.CollectorMetrics;

import java.io.IOException;

/** A running collector: ingest thread, database poller and HTTP endpoints, built from {@link CollectorSettings}. */
public final class Collector implements AutoCloseable {
    private final CollectorState state = new CollectorState();
    private final IngestLoop ingest;
    private final DatabasePoller databases;
    private final HttpApi http;

    public Collector(CollectorSettings settings) throws IOException {
        ingest = new IngestLoop(settings.queues(), state, new Checkpoint(settings.stateDir().resolve("checkpoint.json")),
                settings.checkpointMillis());
        databases = new DatabasePoller(settings.databases(), state, settings.ddlGraceMillis());
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CollectorMetrics(state, settings.topShapes(), databases::latest));
        ingest.start();
        databases.start(settings.pollMillis());
        http = new HttpApi(settings.listenAddress(), settings.token(), registry, state, databases::latest,
                ingest::caughtUp);
    }

    public int port() {
        return http.port();
    }

    public CollectorState state() {
        return state;
    }

    @Override
    public void close() {
        http.close();
        databases.close();
        ingest.close();
    }
}
