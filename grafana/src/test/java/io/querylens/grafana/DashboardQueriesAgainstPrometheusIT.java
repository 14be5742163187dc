package io.querylens.grafana;

import java.net.URI;

/**
 * The dashboards' queries over {@code sample-metrics.txt} ({@link SampleMetricsEndpoint}), which proves they are
 * valid PromQL over the agreed metric and label names in seconds; or over {@code QUERYLENS_METRICS_URL} (system
 * property or environment variable) when set, e.g. a collector running elsewhere.
 * {@link DashboardQueriesAgainstCollectorIT} runs the same checks against a collector fed by a real application.
 */
class DashboardQueriesAgainstPrometheusIT extends DashboardQueriesContract {
    private SampleMetricsEndpoint sampleEndpoint;

    @Override
    URI startMetricsEndpoint() throws Exception {
        String configured = System.getProperty("QUERYLENS_METRICS_URL", System.getenv("QUERYLENS_METRICS_URL"));
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured);
        }
        sampleEndpoint = SampleMetricsEndpoint.start();
        return sampleEndpoint.metricsUri();
    }

    @Override
    void stopMetricsEndpoint() {
        if (sampleEndpoint != null) {
            sampleEndpoint.close();
        }
    }
}
