package io.querylens.driver.detect.advisor;

import io.querylens.QueryLens;
import io.querylens.driver.LensEngine;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh engine whose advisor runs as soon as it has read the shapes (no settle time) and reports an unused index at
 * its first reading (no confirmation wait), and helpers to run the application's statements through QueryLens and
 * collect the advisor's findings.
 */
final class AdvisorFixture {
    /** The longest settle time the configuration allows: with it, the advisor's first run comes only on request. */
    private static final int SETTLE_FOREVER_MILLIS = 600_000;

    private final SchemaAdvisor advisor;
    private final TestDatabase database;
    private final boolean runsOnlyWhenAsked;

    AdvisorFixture(TestDatabase database) {
        this(database, ConfigKey.ADVISOR_SETTLE_MILLIS, 0);
    }

    /** With one more configuration value. */
    AdvisorFixture(TestDatabase database, ConfigKey key, Object value) {
        this.database = database;
        this.runsOnlyWhenAsked = key == ConfigKey.ADVISOR_SETTLE_MILLIS && value.equals(SETTLE_FOREVER_MILLIS);
        LensEngine engine = QueryLens.configure(QueryLensConfig.builder()
                .set(ConfigKey.ADVISOR_SETTLE_MILLIS, 0)
                .set(ConfigKey.ADVISOR_UNUSED_INDEX_CONFIRM_SECONDS, 0)
                .set(ConfigKey.DETECTORS_DISABLED, "unindexed")
                .set(key, value)
                .build());
        this.advisor = engine.detectors().stream()
                .filter(SchemaAdvisor.class::isInstance)
                .map(SchemaAdvisor.class::cast)
                .findFirst().orElseThrow();
    }

    /**
     * For checks that read the server's statistics (index scans): the advisor hears of a shape when the application
     * prepares the statement, before it executes, so a prompt run may read counters the statement has not bumped yet.
     * This fixture's advisor runs only after the application's statements have finished.
     */
    static AdvisorFixture checkingAfterTheApplication(TestDatabase database) {
        return new AdvisorFixture(database, ConfigKey.ADVISOR_SETTLE_MILLIS, SETTLE_FOREVER_MILLIS);
    }

    SchemaAdvisor advisor() {
        return advisor;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    /**
     * Runs each statement through QueryLens (as the application would), then waits for the advisor's prompt run (or,
     * with {@link #checkingAfterTheApplication}, asks for a run and waits for it).
     */
    void applicationRuns(String... statements) throws Exception {
        try (Connection app = connect()) {
            for (String sql : statements) {
                try (PreparedStatement statement = app.prepareStatement(sql)) {
                    for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                        statement.setInt(i, 1);
                    }
                    if (statement.execute()) {
                        try (ResultSet rs = statement.getResultSet()) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                    }
                }
            }
        }
        if (runsOnlyWhenAsked) {
            runAfterEveryShapeIsRead();
        } else {
            awaitAdvisor();
        }
    }

    /**
     * A requested run covers the data sources the advisor has read a shape from. Should the request overtake the last
     * shape, the shape's own prompt run waits out the settle time and the advisor is not idle; asking again then runs
     * it. Every run reports what it finds, so a repeated request changes nothing the tests look at.
     */
    private void runAfterEveryShapeIsRead() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            advisor.runNow();
            if (advisor.awaitIdle(Duration.ofSeconds(2))) {
                return;
            }
        } while (System.nanoTime() < deadline);
        assertThat(advisor.awaitIdle(Duration.ZERO)).as("advisor finished").isTrue();
    }

    void awaitAdvisor() throws InterruptedException {
        assertThat(advisor.awaitIdle(Duration.ofSeconds(60))).as("advisor finished").isTrue();
    }

    /** Runs every check again now and waits for it. */
    void runNow() throws InterruptedException {
        advisor.runNow();
        awaitAdvisor();
    }

    static List<Finding> findings(FindingKind kind) {
        return QueryLens.findings().stream().filter(f -> f.kind() == kind).toList();
    }

    static Finding onlyFinding(FindingKind kind) {
        List<Finding> findings = findings(kind);
        assertThat(findings).as(kind.wireName() + " findings").hasSize(1);
        return findings.get(0);
    }

    /** Runs DDL or setup on a raw connection (not through QueryLens). Splits a suggestion of several statements. */
    static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection raw = database.open(); Statement statement = raw.createStatement()) {
            for (String part : sql.split(";\\s*\\n")) {
                String trimmed = part.trim();
                if (trimmed.endsWith(";")) {
                    trimmed = trimmed.substring(0, trimmed.length() - 1);
                }
                if (!trimmed.isEmpty()) {
                    statement.execute(trimmed);
                }
            }
        }
    }
}
