package io.querylens.driver.recording;

import io.querylens.driver.sql.StatementKind;

/**
 * Statistics of one query shape at one moment, for the public API ({@code QueryLens.shapes()}), reports and the
 * JUnit extension. Latencies are in microseconds; percentiles come from the shape's HdrHistogram (2 significant
 * digits).
 */
public record ShapeSnapshot(
        String fingerprint,
        String sql,
        StatementKind kind,
        long executions,
        long errors,
        long rows,
        long p50Micros,
        long p95Micros,
        long p99Micros,
        long maxMicros,
        double meanMicros,
        long totalMicros,
        long firstSeenEpochMillis) {
}
