package io.querylens.driver.detect.advisor;

import java.time.Instant;

/**
 * One table-health measurement of the latest advisor run: {@code metric} is {@code dead_tuple_ratio} (per table),
 * {@code cache_hit_ratio} or {@code connection_usage} (per database, {@code table} null); {@code ratio} is a fraction
 * from 0 to 1; {@code status} is {@code good}, {@code warning} or {@code critical} by the thresholds in
 * {@link HealthThresholds}. Public so that metrics exporters can read {@link SchemaAdvisor#latestHealth()}.
 */
public record HealthSample(String dataSource, String table, String metric, double ratio, String status,
                           Instant measuredAt) {
}
