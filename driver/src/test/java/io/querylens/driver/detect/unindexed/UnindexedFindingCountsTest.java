package io.querylens.driver.detect.unindexed;

import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue "Unindexed predicates": the finding says how often the shape ran and its p95. A shape is analysed when it is
 * first seen; its finding is reported again with the counts it reached since, every
 * {@code querylens.findings.updateSeconds}, while the problem stands.
 */
class UnindexedFindingCountsTest {

    @Test
    void flaggedShapesFindingGrowsWithItsExecutions() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("unindexed_counts");
        try (Connection raw = database.open()) {
            execute(raw, "create table visits (id bigint primary key, page text not null)");
            execute(raw, "insert into visits select g, 'page-' || (g % 300) from generate_series(1, 20000) g");
            execute(raw, "analyze visits");
        }
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "")
                .set(ConfigKey.FINDINGS_UPDATE_SECONDS, 1).set(ConfigKey.EXPLAIN_MAX_PER_MINUTE, 10_000).build());
        String sql = "select id from visits where page = ?";
        String fingerprint = Fingerprinter.fingerprint(sql, Dialect.POSTGRESQL).hexId();
        try (Connection app = DriverManager.getConnection(database.querylensUrl(), database.user(),
                database.password())) {
            run(app, sql, "page-1");
            assertThat(QueryLens.awaitAnalysis(Duration.ofSeconds(60))).isTrue();
            assertThat(finding(fingerprint).count()).isLessThanOrEqualTo(1);
            for (int i = 0; i < 30; i++) {
                run(app, sql, "page-" + i);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            QueryLens.flush();
            Finding finding = finding(fingerprint);
            assertThat(finding.count()).isEqualTo(31);
            assertThat(finding.details()).containsEntry("executions", 31L);
            assertThat((Long) finding.details().get("p95Micros")).isPositive();
            assertThat(finding.occurrences()).as("one analysis, however often the counts were refreshed").isEqualTo(1);
        });
    }

    private static Finding finding(String fingerprint) {
        List<Finding> findings = QueryLens.findings().stream()
                .filter(f -> f.kind() == FindingKind.UNINDEXED_PREDICATE && fingerprint.equals(f.fingerprint()))
                .toList();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
