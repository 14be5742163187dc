package io.querylens.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field's usual limits, shown as colours: query response &lt;50 ms good, &gt;200 ms critical; cache hit ratio
 * &gt;95% good, &lt;85% critical; dead tuples &lt;5% good, &gt;20% critical; connection usage &lt;50% good, &gt;80%
 * critical; lock wait &lt;10 ms good, &gt;100 ms critical. Values are in base units (seconds, ratios 0..1), which
 * only mean what they say under the panel units checked here too.
 */
class DashboardThresholdsTest {
    private record Step(String color, Double from) {
        @Override
        public String toString() {
            return color + "@" + from;
        }
    }

    private static final Map<String, List<Step>> LIMITS = Map.of(
            "response", List.of(new Step("green", null), new Step("yellow", 0.05), new Step("red", 0.2)),
            "cacheHit", List.of(new Step("red", null), new Step("yellow", 0.85), new Step("green", 0.95)),
            "deadTuples", List.of(new Step("green", null), new Step("yellow", 0.05), new Step("red", 0.2)),
            "connections", List.of(new Step("green", null), new Step("yellow", 0.5), new Step("red", 0.8)),
            "lockWait", List.of(new Step("green", null), new Step("yellow", 0.01), new Step("red", 0.1)));

    @ParameterizedTest(name = "{0} / {1} shows the {2} limits")
    @CsvSource(delimiter = '|', textBlock = """
            querylens-overview | Response time p95 (all shapes)   | response    | s
            querylens-overview | Response time p50 by shape       | response    | s
            querylens-overview | Response time p95 by shape       | response    | s
            querylens-overview | Response time p99 by shape       | response    | s
            querylens-shape    | Response time p50 / p95 / p99    | response    | s
            querylens-shape    | Mean time: application vs database | response  | s
            querylens-findings | Longest lock wait                | lockWait    | s
            querylens-findings | Lock wait time                   | lockWait    | s
            querylens-database | Cache hit ratio                  | cacheHit    | percentunit
            querylens-database | Cache hit ratio over time        | cacheHit    | percentunit
            querylens-database | Dead tuples                      | deadTuples  | percentunit
            querylens-database | Connections used                 | connections | percentunit
            querylens-database | Connections used over time       | connections | percentunit
            querylens-database | Longest lock wait                | lockWait    | s
            querylens-database | Lock waits                       | lockWait    | s
            """)
    void panelShowsTheFieldsUsualLimits(String uid, String title, String limits, String unit) {
        JsonNode panel = Dashboard.byUid(uid).panel(title)
                .orElseThrow(() -> new AssertionError(uid + " has no panel titled " + title));
        JsonNode defaults = panel.path("fieldConfig").path("defaults");

        assertThat(stepsOf(defaults.path("thresholds"))).containsExactlyElementsOf(LIMITS.get(limits));
        assertThat(defaults.path("thresholds").path("mode").asText()).isEqualTo("absolute");
        assertThat(defaults.path("unit").asText()).isEqualTo(unit);
        if (panel.path("type").asText().equals("timeseries")) {
            // A time series shows its thresholds only when asked to.
            assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asText()).isNotIn("", "off");
        }
    }

    private static List<Step> stepsOf(JsonNode thresholds) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : thresholds.path("steps")) {
            JsonNode value = step.path("value");
            steps.add(new Step(step.path("color").asText(), value.isNumber() ? value.asDouble() : null));
        }
        return steps;
    }
}
