package io.querylens.grafana;

import io.querylens.QueryLens;
import io.querylens.collector.Collector;
import io.querylens.collector.CollectorSettings;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboards' queries against a real collector: this JVM runs the example application, which writes the event
 * queue through {@code jdbc:querylens:} against embedded PostgreSQL (see {@link ExampleShopWorkload}), a
 * {@link Collector} runs in process tailing that queue and polling the same database ({@code --db shop=…}), and
 * Prometheus scrapes the collector.
 *
 * <p>Every panel query must select at least one series: the example shop's own code produces each finding kind a
 * panel counts (N+1, unindexed predicate, DDL outside a migration, unsafe migration), a failing statement, an index
 * nothing scans, and, round after round, the steady traffic for the rates. Lock waits need no staging:
 * {@code querylens_db_lock_waits} and {@code querylens_db_lock_wait_seconds} are served as 0 for every polled
 * database when no session waits (the waiting case itself is proved in the collector's
 * {@code DatabaseStatisticsEndToEndTest}). No query is exempt.
 */
class DashboardQueriesAgainstCollectorIT extends DashboardQueriesContract {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private static final Logger LOG = Logger.getLogger(DashboardQueriesAgainstCollectorIT.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** What the panels need before Prometheus starts scraping: each finding kind they count, and database rows. */
    private static final List<String> READY_WHEN_SERVED = List.of(
            "querylens_findings{kind=\"n_plus_one\"",
            "querylens_findings{kind=\"unindexed_predicate\"",
            "querylens_findings{kind=\"ddl_outside_migration\"",
            "querylens_findings{kind=\"unsafe_migration\"",
            "querylens_query_shape_info{",
            "querylens_db_statement_calls_total{db=\"shop\"",
            "querylens_db_index_scans_total{db=\"shop\"",
            "querylens_db_cache_hit_ratio{db=\"shop\"");

    private Path work;
    private Collector collector;
    private ScheduledExecutorService traffic;

    @Override
    URI startMetricsEndpoint() throws Exception {
        work = Files.createTempDirectory("querylens-dashboards");
        TestDatabase postgres = TestDatabases.postgres().createDatabase("dashboard_shop");
        ExampleShopWorkload shop = new ExampleShopWorkload(postgres);
        shop.createShopAtV1();

        Path queue = work.resolve("queue");
        QueryLens.configure(QueryLensConfig.builder()
                .set(ConfigKey.QUEUE_DIR, queue.toString())
                .set(ConfigKey.FLUSH_SECONDS, 1)
                .set(ConfigKey.APP, "dashboard-shop")
                .build());
        collector = new Collector(new CollectorSettings(List.of(queue),
                Map.of("shop", postgres.jdbcUrl() + "?user=" + postgres.user() + "&password=" + postgres.password()),
                "127.0.0.1:0", null, false, work.resolve("state"), 100, 1_000, 1_000, 1_000));

        shop.deployUnsafeMigrationsAndStart();
        traffic = Executors.newSingleThreadScheduledExecutor();
        traffic.scheduleWithFixedDelay(() -> {
            try {
                shop.runReports();
            } catch (Exception failed) {
                LOG.log(Level.WARNING, "workload round failed", failed);
            }
        }, 0, 500, TimeUnit.MILLISECONDS);

        URI metrics = URI.create("http://127.0.0.1:" + collector.port() + "/metrics");
        awaitServed(metrics);
        return metrics;
    }

    private static void awaitServed(URI metrics) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            String served = body;
            if (READY_WHEN_SERVED.stream().allMatch(served::contains)) {
                return;
            }
            Thread.sleep(500);
        }
        String served = body;
        throw new AssertionError("the collector did not serve " + READY_WHEN_SERVED.stream()
                .filter(line -> !served.contains(line)).toList() + " within " + READY_TIMEOUT + ":\n" + body);
    }

    @Override
    void stopMetricsEndpoint() {
        if (traffic != null) {
            traffic.shutdownNow();
        }
        if (collector != null) {
            collector.close();
        }
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build());
    }
}
