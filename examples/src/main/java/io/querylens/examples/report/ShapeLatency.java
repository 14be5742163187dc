package io.querylens.examples.report;

import java.util.List;

/**
 * What the report shows of one query shape: its text, how often it ran, its latency percentiles, and its latency
 * histogram (empty when none was available, e.g. a shape folded into the collector's {@code other} series).
 */
public record ShapeLatency(String fingerprint, String sql, long executions, double p50Millis, double p95Millis,
                           double p99Millis, double maxMillis, List<LatencyBucket> buckets) {
    public ShapeLatency {
        buckets = List.copyOf(buckets);
    }
}
