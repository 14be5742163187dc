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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analysis connection under the read-only role README documents ("Read-only analysis role"): the grants are
 * enough for the unindexed-predicate finding, and the role cannot write. The role is made here exactly as README
 * says, on embedded PostgreSQL 17.
 */
class ReadOnlyAnalysisRoleTest {
    private static final String SCHEMA = "ro_analysis";
    static final String ROLE = "querylens_ro";
    static final String ROLE_PASSWORD = "ro-Pa55word";
    private static TestDatabase database;

    @BeforeAll
    static void tableAndRole() throws SQLException {
        database = TestDatabases.postgres().freshSchema(SCHEMA);
        try (Connection admin = database.open()) {
            execute(admin, "create table accounts (id bigint primary key, email text not null, plan text not null)");
            execute(admin, "insert into accounts select g, 'a' || g || '@example.com', 'p' || (g % 5)"
                    + " from generate_series(1, 30000) g");
            execute(admin, "analyze accounts");
            createReadOnlyRole(admin, SCHEMA);
        }
    }

    /** The README's grants, word for word (plus dropping an earlier run's role). */
    static void createReadOnlyRole(Connection admin, String schema) throws SQLException {
        execute(admin, "do $$ begin if not exists (select from pg_roles where rolname = '" + ROLE + "') then"
                + " create role " + ROLE + " login password '" + ROLE_PASSWORD + "'; end if; end $$");
        execute(admin, "grant pg_read_all_stats to " + ROLE);
        execute(admin, "grant usage on schema " + schema + " to " + ROLE);
        execute(admin, "grant select on all tables in schema " + schema + " to " + ROLE);
        execute(admin, "alter default privileges in schema " + schema + " grant select on tables to " + ROLE);
        execute(admin, "alter role " + ROLE + " set default_transaction_read_only = on");
    }

    @AfterAll
    static void defaultEngine() {
        QueryLens.configure(QueryLensConfig.defaults());
    }

    @Test
    void unindexedPredicateIsFoundThroughTheReadOnlyRoleAndTheRoleCannotWrite() throws Exception {
        String analysisUrl = database.jdbcUrl() + "&password=" + ROLE_PASSWORD;
        UnindexedPredicateDetector detector = detectorWith(QueryLens.configure(QueryLensConfig.builder()
                .set(ConfigKey.ANALYSIS_URL, analysisUrl)
                .set(ConfigKey.ANALYSIS_USER, ROLE)
                .set(ConfigKey.EXPLAIN_MAX_PER_MINUTE, 10_000)
                .build()).detectors());
        String select = "select id from accounts where email = ?";
        String update = "update accounts set plan = ? where email = ?";
        try (Connection app = DriverManager.getConnection(database.querylensUrl(), database.user(),
                database.password())) {
            run(app, select, "a7@example.com");
            assertThat(detector.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(analysisSessionUsers(app)).as("who the analysis connection logged in as").containsOnly(ROLE);
            run(app, update, "p1", "a8@example.com");
            assertThat(detector.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }

        Finding finding = onlyUnindexedFinding(select);
        assertThat(finding.table()).isEqualTo("accounts");
        assertThat(finding.columns()).containsExactly("email");
        assertThat(finding.suggestion()).isEqualTo("CREATE INDEX CONCURRENTLY idx_accounts_email ON accounts (email);");
        assertThat(finding.toString()).doesNotContain(ROLE_PASSWORD);
        // EXPLAIN checks the statement's own privileges: UPDATE shapes need UPDATE, which a read-only role lacks.
        assertThat(detector.outcome(hex(update))).isEqualTo(AnalysisOutcome.FAILED);

        try (Connection readOnly = DriverManager.getConnection(analysisUrl, ROLE, ROLE_PASSWORD);
             Statement statement = readOnly.createStatement()) {
            statement.execute("set default_transaction_read_only = off"); // a role may lift its own default ...
            for (String write : List.of("insert into accounts values (0, 'x', 'y')",
                    "update accounts set plan = 'x' where id = 1", "delete from accounts where id = 1",
                    "create table " + SCHEMA + ".scratch (id int)", "create index on accounts (email)",
                    "truncate accounts")) {
                assertThatThrownBy(() -> statement.execute(write)).as(write) // ... but not its missing grants
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
            }
        }
    }

    private static UnindexedPredicateDetector detectorWith(List<io.querylens.driver.detect.Detector> detectors) {
        return detectors.stream().filter(UnindexedPredicateDetector.class::isInstance)
                .map(UnindexedPredicateDetector.class::cast).findFirst().orElseThrow();
    }

    private static String hex(String sql) {
        return Fingerprinter.fingerprint(sql, Dialect.POSTGRESQL).hexId();
    }

    private static Finding onlyUnindexedFinding(String sql) {
        List<Finding> findings = QueryLens.findings().stream()
                .filter(f -> f.kind() == FindingKind.UNINDEXED_PREDICATE && hex(sql).equals(f.fingerprint()))
                .toList();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static List<String> analysisSessionUsers(Connection app) throws SQLException {
        List<String> users = new ArrayList<>();
        try (Statement statement = app.createStatement(); ResultSet rows = statement.executeQuery(
                "select usename from pg_stat_activity where application_name = 'querylens-analysis'")) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        assertThat(users).isNotEmpty();
        return users;
    }
}
