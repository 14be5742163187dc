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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every PromQL expression of every dashboard panel, evaluated by a real Prometheus that scrapes a QueryLens
 * {@code /metrics} endpoint: an expression that Prometheus rejects, or that selects no series, fails. Subclasses
 * say which endpoint: a static sample (fast, catches typos) or a running collector (catches drift).
 *
 * <p>Prometheus is Debian's {@code prometheus} package ({@code apt-get install -y --no-install-recommends
 * prometheus}) or {@code PROMETHEUS_BIN}; without it these tests fail with that instruction, they never skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardQueriesContract {
    /** A rate needs two samples inside $__rate_interval (1m); a few more leave room for a late scrape. */
    private static final int SCRAPES_BEFORE_QUERYING = 4;
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");

    private PrometheusServer prometheus;

    /** Starts what serves {@code /metrics} and returns its address once it serves what the panels need. */
    abstract URI startMetricsEndpoint() throws Exception;

    abstract void stopMetricsEndpoint() throws Exception;

    /**
     * Panel queries (as {@link PanelQuery#toString()}) that may legitimately select nothing from this endpoint;
     * they must still evaluate without error.
     */
    Set<String> queriesThatMayBeEmpty() {
        return Set.of();
    }

    @BeforeAll
    void startPrometheus() throws Exception {
        prometheus = PrometheusServer.scraping(startMetricsEndpoint(), SCRAPES_BEFORE_QUERYING);
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        stopMetricsEndpoint();
    }

    @TestFactory
    List<DynamicTest> everyPanelQuerySelectsSeries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            for (PanelQuery query : dashboard.queries()) {
                tests.add(DynamicTest.dynamicTest(query.toString(), () -> {
                    String promql = TemplateVariables.substitute(query.expr());
                    JsonNode data = prometheus.query(promql);

                    if (!queriesThatMayBeEmpty().contains(query.toString())) {
                        assertThat(data.path("result").size())
                                .as("series selected by %s%n  %s", query, promql).isPositive();
                    }
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

    @Test
    void endpointServesExactlyTheAgreedMetrics() throws Exception {
        Set<String> served = new TreeSet<>();
        for (JsonNode name : prometheus.labelValues("__name__", "{__name__=~\"querylens_.+\"}")) {
            served.add(AgreedMetrics.agreedMetricOf(name.asText()).orElse(name.asText()));
        }

        assertThat(served).containsExactlyInAnyOrderElementsOf(AgreedMetrics.NAMES);
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
