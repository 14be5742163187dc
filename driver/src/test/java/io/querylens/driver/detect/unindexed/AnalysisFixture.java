package io.querylens.driver.detect.unindexed;

import io.querylens.QueryLens;
import io.querylens.driver.LensEngine;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh engine with the unindexed detector, and helpers to run statements and wait for their analysis. */
final class AnalysisFixture {
    private final LensEngine engine;
    private final UnindexedPredicateDetector detector;
    private final Dialect dialect;

    AnalysisFixture(Dialect dialect, int statementTimeoutMillis) {
        this.dialect = dialect;
        this.engine = QueryLens.configure(QueryLensConfig.builder()
                .set(ConfigKey.EXPLAIN_MAX_PER_MINUTE, 10_000)
                .set(ConfigKey.ANALYSIS_STATEMENT_TIMEOUT_MILLIS, statementTimeoutMillis)
                .build());
        this.detector = engine.detectors().stream()
                .filter(UnindexedPredicateDetector.class::isInstance)
                .map(UnindexedPredicateDetector.class::cast)
                .findFirst().orElseThrow();
    }

    UnindexedPredicateDetector detector() {
        return detector;
    }

    /** Runs a statement through QueryLens with the given binds, reading every row. */
    static void run(Connection connection, String sql, Object... binds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
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

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    String fingerprint(String sql) {
        return Fingerprinter.fingerprint(sql, dialect).hexId();
    }

    void awaitAnalysis() throws InterruptedException {
        assertThat(detector.awaitIdle(Duration.ofSeconds(60))).as("analysis finished").isTrue();
    }

    AnalysisOutcome outcome(String sql) {
        return detector.outcome(fingerprint(sql));
    }

    List<Finding> findingsFor(String sql) {
        String fingerprint = fingerprint(sql);
        return QueryLens.findings().stream()
                .filter(f -> f.kind() == FindingKind.UNINDEXED_PREDICATE && fingerprint.equals(f.fingerprint()))
                .toList();
    }

    Finding onlyFindingFor(String sql) {
        List<Finding> findings = findingsFor(sql);
        assertThat(findings).as("findings for " + sql).hasSize(1);
        return findings.get(0);
    }
}
