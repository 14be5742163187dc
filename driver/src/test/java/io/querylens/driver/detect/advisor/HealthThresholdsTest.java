package io.querylens.driver.detect.advisor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthThresholdsTest {

    @Test
    void deadTuplesAreGoodBelowFivePercentAndCriticalAboveTwenty() {
        assertThat(HealthThresholds.deadTuples(0.049)).isEqualTo("good");
        assertThat(HealthThresholds.deadTuples(0.05)).isEqualTo("warning");
        assertThat(HealthThresholds.deadTuples(0.20)).isEqualTo("warning");
        assertThat(HealthThresholds.deadTuples(0.201)).isEqualTo("critical");
    }

    @Test
    void cacheHitRatioIsGoodAboveNinetyFiveAndCriticalBelowEightyFive() {
        assertThat(HealthThresholds.cacheHit(0.951)).isEqualTo("good");
        assertThat(HealthThresholds.cacheHit(0.95)).isEqualTo("warning");
        assertThat(HealthThresholds.cacheHit(0.85)).isEqualTo("warning");
        assertThat(HealthThresholds.cacheHit(0.849)).isEqualTo("critical");
    }

    @Test
    void connectionUsageIsGoodBelowHalfAndCriticalAboveEightyPercent() {
        assertThat(HealthThresholds.connectionUsage(0.49)).isEqualTo("good");
        assertThat(HealthThresholds.connectionUsage(0.5)).isEqualTo("warning");
        assertThat(HealthThresholds.connectionUsage(0.8)).isEqualTo("warning");
        assertThat(HealthThresholds.connectionUsage(0.81)).isEqualTo("critical");
    }
}
