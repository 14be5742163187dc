package io.querylens.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every PromQL expression of every dashboard panel, evaluated by a real Prometheus that scrapes a QueryLens
 * {@code /metrics} endpoint: an expression that Prometheus rejects, or that selects no series, fails.
 *
 * <p>The endpoint is {@code QUERYLENS_METRICS_URL} (system property or environment variable) when set, e.g. a
 * running collector; otherwise {@link SampleMetricsEndpoint} serves {@code sample-metrics.txt}, which proves the
 * queries are valid PromQL over the agreed metric and label names.
 * TODO(collector): once the collector is on main, start it here over a queue the example shop fills, and scrape it.
 *
 * <p>Prometheus is Debian's {@code prometheus} package ({@code apt-get install -y --no-install-recommends
 * prometheus}) or {@code PROMETHEUS_BIN}; without it this test fails with that instruction, it never skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesAgainstPrometheusIT {
    /** A rate needs two samples inside $__rate_interval (1m); a few more leave room for a late scrape. */
    private static final int SCRAPES_BEFORE_QUERYING = 4;
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");

    private SampleMetricsEndpoint sampleEndpoint;
    private PrometheusServer prometheus;

    @BeforeAll
    void startPrometheus() throws Exception {
        String configured = System.getProperty("QUERYLENS_METRICS_URL", System.getenv("QUERYLENS_METRICS_URL"));
        URI metrics;
        if (configured == null || configured.isBlank()) {
            sampleEndpoint = SampleMetricsEndpoint.start();
            metrics = sampleEndpoint.metricsUri();
        } else {
            metrics = URI.create(configured);
        }
        prometheus = PrometheusServer.scraping(metrics, SCRAPES_BEFORE_QUERYING);
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (sampleEndpoint != null) {
            sampleEndpoint.close();
        }
    }

    @TestFactory
    List<DynamicTest> everyPanelQuerySelectsSeries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            for (PanelQuery query : dashboard.queries()) {
                tests.add(DynamicTest.dynamicTest(query.toString(), () -> {
                    String promql = TemplateVariables.substitute(query.expr());
                    JsonNode data = prometheus.query(promql);

                    assertThat(data.path("result").size())
                            .as("series selected by %s%n  %s", query, promql).isPositive();
                }));
            }
        }
        assertThat(tests).as("panel queries found in " + Dashboard.dashboardsDir()).isNotEmpty();
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyTemplateVariableOffersValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            for (String variableQuery : dashboard.variableQueries()) {
                tests.add(DynamicTest.dynamicTest(dashboard.uid() + ": " + variableQuery, () -> {
                    Matcher labelValues = LABEL_VALUES.matcher(variableQuery);
                    assertThat(labelValues.matches()).as("a label_values(metric, label) query").isTrue();

                    JsonNode values = prometheus.labelValues(labelValues.group(2), labelValues.group(1));

                    assertThat(values.size()).as("values of " + variableQuery).isPositive();
                }));
            }
        }
        return tests;
    }

    /** Guards the guard: a query over a misspelt metric must fail the check above, not pass it silently. */
    @Test
    void checkRejectsMisspeltMetricsAndInvalidPromQl() throws Exception {
        JsonNode misspelt = prometheus.query(TemplateVariables.substitute(
                "sum(rate(querylens_query_execution_total{app=~\"$app\"}[$__rate_interval]))"));
        assertThat(misspelt.path("result").size()).isZero();

        assertThatThrownBy(() -> prometheus.query("sum by (shape (querylens_findings)"))
                .isInstanceOf(PrometheusServer.PromQlError.class).hasMessageContaining("parse");
    }
}
