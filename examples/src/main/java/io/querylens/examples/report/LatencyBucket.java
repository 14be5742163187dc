package io.querylens.examples.report;

/**
 * One bar of a latency histogram: the executions that took more than the previous bucket's bound and at most
 * {@code upperBoundSeconds} (infinite for the last bucket). Not cumulative, unlike Prometheus's {@code le} buckets.
 */
public record LatencyBucket(double upperBoundSeconds, long executions) {
}
