package io.querylens.examples.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusHistogramsTest {
    private static final String METRICS = """
            # TYPE querylens_query_duration_seconds histogram
            querylens_query_duration_seconds_bucket{app="shop",datasource="pg",shape="aa",le="0.001"} 3
            querylens_query_duration_seconds_bucket{app="shop",datasource="pg",shape="aa",le="0.01"} 10
            querylens_query_duration_seconds_bucket{app="shop",datasource="pg",shape="aa",le="+Inf"} 12
            querylens_query_duration_seconds_bucket{app="billing",datasource="pg",shape="aa",le="0.001"} 1
            querylens_query_duration_seconds_bucket{app="billing",datasource="pg",shape="aa",le="0.01"} 1
            querylens_query_duration_seconds_bucket{app="billing",datasource="pg",shape="aa",le="+Inf"} 2
            querylens_query_duration_seconds_bucket{app="a \\"quoted\\", app",datasource="pg",shape="bb",le="1.0E-3"} 4
            querylens_query_duration_seconds_bucket{app="a \\"quoted\\", app",datasource="pg",shape="bb",le="+Inf"} 4
            querylens_query_duration_seconds_count{app="shop",datasource="pg",shape="aa"} 12
            querylens_query_executions_total{app="shop",datasource="pg",shape="cc"} 7
            """;

    @Test
    void cumulativeBucketsBecomeCountsPerBucketSummedOverApplications() {
        Map<String, List<LatencyBucket>> histograms =
                PrometheusHistograms.perShape(METRICS, "querylens_query_duration_seconds");

        assertThat(histograms.get("aa")).containsExactly(new LatencyBucket(0.001, 4), new LatencyBucket(0.01, 7),
                new LatencyBucket(Double.POSITIVE_INFINITY, 3));
    }

    @Test
    void quotedCommasInOtherLabelsDoNotSplitTheLabels() {
        Map<String, List<LatencyBucket>> histograms =
                PrometheusHistograms.perShape(METRICS, "querylens_query_duration_seconds");

        assertThat(histograms.get("bb")).containsExactly(new LatencyBucket(0.001, 4),
                new LatencyBucket(Double.POSITIVE_INFINITY, 0));
        assertThat(PrometheusHistograms.labels("app=\"a \\\"quoted\\\", app\",le=\"1\""))
                .containsEntry("app", "a \"quoted\", app").containsEntry("le", "1");
    }

    @Test
    void shapesWithoutBucketLinesAreAbsent() {
        assertThat(PrometheusHistograms.perShape(METRICS, "querylens_query_duration_seconds"))
                .containsOnlyKeys("aa", "bb");
    }
}
