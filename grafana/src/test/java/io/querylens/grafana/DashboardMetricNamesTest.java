package io.querylens.grafana;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardMetricNamesTest {

    @Test
    void everyMetricAQueryUsesIsOneTheCollectorAgreedToServe() {
        List<String> unknown = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            List<String> expressions = new ArrayList<>(dashboard.variableQueries());
            dashboard.queries().forEach(query -> expressions.add(query.expr()));
            for (String expr : expressions) {
                for (String name : AgreedMetrics.namesIn(expr)) {
                    if (AgreedMetrics.agreedMetricOf(name).isEmpty()) {
                        unknown.add(dashboard.uid() + ": " + name + " in " + expr);
                    }
                }
            }
        }

        assertThat(unknown).isEmpty();
    }

    @Test
    void everyAgreedMetricIsShownOnSomeDashboard() {
        Set<String> shown = new TreeSet<>();
        for (Dashboard dashboard : Dashboard.all()) {
            for (PanelQuery query : dashboard.queries()) {
                AgreedMetrics.namesIn(query.expr())
                        .forEach(name -> AgreedMetrics.agreedMetricOf(name).ifPresent(shown::add));
            }
        }

        assertThat(shown).containsExactlyInAnyOrderElementsOf(AgreedMetrics.NAMES);
    }

    @Test
    void metricNameCheckRecognisesHistogramSeriesAndRejectsOthers() {
        assertThat(AgreedMetrics.namesIn("sum(rate(querylens_query_duration_seconds_bucket{shape=~\"$shape\"}[1m]))"
                + " / querylens_db_cache_hit_ratio")).containsExactly(
                "querylens_db_cache_hit_ratio", "querylens_query_duration_seconds_bucket");
        assertThat(AgreedMetrics.agreedMetricOf("querylens_query_duration_seconds_bucket"))
                .contains("querylens_query_duration_seconds");
        assertThat(AgreedMetrics.agreedMetricOf("querylens_findings_count")).isEmpty();
        assertThat(AgreedMetrics.agreedMetricOf("querylens_db_table_idx_scans_total")).isEmpty();
    }
}
