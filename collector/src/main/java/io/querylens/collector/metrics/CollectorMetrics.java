package io.querylens.collector.metrics;

import io.querylens.collector.dbstats.DatabaseStatistics;
import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.ShapeTotals;
import io.querylens.driver.finding.Finding;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The collector's Prometheus metrics, computed at scrape time from the merged state and the latest database
 * statistics (a {@link MultiCollector}: nothing is kept twice). Names use the {@code querylens_} prefix, base units
 * (seconds) and {@code _total} for counters (the exposition adds the suffix to counter names).
 *
 * <p>Latency buckets are fixed (0.5 ms to 10 s): counts come from the merged HdrHistograms, so any bucket layout is
 * possible; these match what dashboards ask of database latency.
 */
public final class CollectorMetrics implements MultiCollector {
    static final double[] BUCKET_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
            2.5, 5, 10, Double.POSITIVE_INFINITY};

    private final CollectorState state;
    private final int topShapes;
    private final Supplier<List<DatabaseStatistics>> databases;

    public CollectorMetrics(CollectorState state, int topShapes, Supplier<List<DatabaseStatistics>> databases) {
        this.state = state;
        this.topShapes = topShapes;
        this.databases = databases;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        Map<List<String>, ShapeTotals> series = ShapeSeries.fold(state.shapes().totals(), topShapes);

        HistogramSnapshot.Builder duration = HistogramSnapshot.builder().name("querylens_query_duration_seconds")
                .help("Statement latency per query shape, merged over every process").unit(Unit.SECONDS);
        CounterSnapshot.Builder executions = counter("querylens_query_executions",
                "Statements executed per query shape");
        CounterSnapshot.Builder errors = counter("querylens_query_errors", "Statements that failed per query shape");
        CounterSnapshot.Builder rows = counter("querylens_query_rows", "Rows returned or changed per query shape");
        series.forEach((labelValues, totals) -> {
            Labels labels = Labels.of("app", labelValues.get(0), "datasource", labelValues.get(1),
                    "shape", labelValues.get(2));
            duration.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(buckets(totals.latencyMicros()))
                    .sum(totals.totalMicros() / 1_000_000.0).build());
            executions.dataPoint(counterPoint(labels, totals.executions()));
            errors.dataPoint(counterPoint(labels, totals.errors()));
            rows.dataPoint(counterPoint(labels, totals.rows()));
        });
        all.metricSnapshot(duration.build()).metricSnapshot(executions.build()).metricSnapshot(errors.build())
                .metricSnapshot(rows.build());
        all.metricSnapshot(ShapeInfo.snapshot(series.keySet().stream().map(labels -> labels.get(2)).toList(),
                state.shapes().texts()));

        Map<List<String>, Long> findingsByKind = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Finding finding : state.findings().merged()) {
            findingsByKind.merge(List.of(finding.kind().wireName(), finding.severity().wireName()), 1L, Long::sum);
        }
        GaugeSnapshot.Builder findings = GaugeSnapshot.builder().name("querylens_findings")
                .help("Distinct open findings by kind and severity, deduplicated across processes");
        findingsByKind.forEach((labels, count) -> findings.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("kind", labels.get(0), "severity", labels.get(1))).value(count).build()));
        all.metricSnapshot(findings.build());

        CounterSnapshot.Builder events = counter("querylens_collector_events", "Queue events applied, by type");
        state.eventsByType().forEach((type, count) -> events.dataPoint(counterPoint(Labels.of("type", type), count)));
        all.metricSnapshot(events.build());
        GaugeSnapshot.Builder processes = GaugeSnapshot.builder().name("querylens_collector_processes")
                .help("Processes heard from since the collector's state began");
        processes.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .value(state.processesLastSeen().size()).build());
        all.metricSnapshot(processes.build());
        CounterSnapshot.Builder internalErrors = counter("querylens_internal_errors",
                "Faults inside the collector (undecodable events, failed database polls, unwritten checkpoints)");
        state.internalErrors().byComponent().forEach((component, count) ->
                internalErrors.dataPoint(counterPoint(Labels.of("component", component), count)));
        all.metricSnapshot(internalErrors.build());

        DatabaseMetrics.addTo(all, databases.get());
        return all.build();
    }

    static ClassicHistogramBuckets buckets(Histogram micros) {
        long[] counts = new long[BUCKET_SECONDS.length];
        long below = 0;
        for (int i = 0; i < BUCKET_SECONDS.length - 1; i++) {
            long boundMicros = (long) (BUCKET_SECONDS[i] * 1_000_000);
            long cumulative = micros.getCountBetweenValues(0, boundMicros);
            counts[i] = cumulative - below;
            below = cumulative;
        }
        counts[counts.length - 1] = micros.getTotalCount() - below;
        return ClassicHistogramBuckets.of(BUCKET_SECONDS, counts);
    }

    static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    static CounterSnapshot.CounterDataPointSnapshot counterPoint(Labels labels, double value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
