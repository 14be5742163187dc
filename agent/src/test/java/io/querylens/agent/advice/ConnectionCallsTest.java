package io.querylens.agent.advice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCallsTest {

    @Test
    void onlyTheInnermostOfNestedCallsMayWrap() {
        long pool = ConnectionCalls.enter();
        long driver = ConnectionCalls.enter();

        assertThat(ConnectionCalls.isInnermost(driver)).isTrue();
        assertThat(ConnectionCalls.isInnermost(pool)).isFalse();
    }

    @Test
    void aCallAfterAnotherFinishedIsInnermostAgain() {
        long first = ConnectionCalls.enter();
        assertThat(ConnectionCalls.isInnermost(first)).isTrue();

        long second = ConnectionCalls.enter();

        assertThat(ConnectionCalls.isInnermost(second)).isTrue();
    }

    @Test
    void bothCopiesOfTheDriverAreRecognisedOnTheStackButApplicationsAreNot() {
        assertThat(ConnectionHandOff.isQueryLensDriverClass("io.querylens.driver.QueryLensDriver")).isTrue();
        assertThat(ConnectionHandOff.isQueryLensDriverClass("io.querylens.QueryLensDataSource")).isTrue();
        assertThat(ConnectionHandOff.isQueryLensDriverClass(
                "io.querylens.agent.shaded.querylens.driver.detect.CallSites")).isTrue();
        assertThat(ConnectionHandOff.isQueryLensDriverClass("io.querylens.agent.advice.ConnectionHandOff")).isFalse();
        assertThat(ConnectionHandOff.isQueryLensDriverClass("io.querylens.agent.QueryLensAgent")).isFalse();
        assertThat(ConnectionHandOff.isQueryLensDriverClass("com.zaxxer.hikari.pool.HikariPool")).isFalse();
    }
}
