package io.querylens.driver.detect.advisor;

/**
 * The thresholds database engineers use for table health, as fractions: dead tuples below 5% good, above 20%
 * critical; cache hit ratio above 95% good, below 85% critical; connections in use below 50% of the maximum good,
 * above 80% critical. Between the two bounds: warning.
 */
final class HealthThresholds {
    static final String GOOD = "good";
    static final String WARNING = "warning";
    static final String CRITICAL = "critical";

    private HealthThresholds() {
    }

    static String deadTuples(double ratio) {
        return ratio < 0.05 ? GOOD : ratio > 0.20 ? CRITICAL : WARNING;
    }

    static String cacheHit(double ratio) {
        return ratio > 0.95 ? GOOD : ratio < 0.85 ? CRITICAL : WARNING;
    }

    static String connectionUsage(double ratio) {
        return ratio < 0.50 ? GOOD : ratio > 0.80 ? CRITICAL : WARNING;
    }
}
