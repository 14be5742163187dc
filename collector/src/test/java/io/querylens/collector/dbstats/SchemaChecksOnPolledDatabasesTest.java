package io.querylens.collector.dbstats;

import io.querylens.collector.merge.CollectorState;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue "Schema advisor": the collector runs the drivers' schema checks for the databases it polls, with what the
 * database itself counted (pg_stat_statements, performance_schema digests) as evidence; the application here runs
 * without QueryLens. A schema that triggers the checks, then the corrected schema that does not, on PostgreSQL 17
 * and MariaDB 11.4; a check switched off by name does not run.
 */
class SchemaChecksOnPolledDatabasesTest {
    private static final String JOIN = "select o.id, u.email from review_orders o join review_users u on u.id = o.user_id "
            + "where o.id = 1";

    @Test
    void postgresJoinWithoutConstraintAndMoneyInFloatingPointAreReportedUntilFixed() throws Exception {
        // The database's own schema (public), where pg_stat_statements lives.
        TestDatabase database = TestDatabases.postgres();
        execute(database, "drop table if exists review_orders", "drop table if exists review_users",
                "create table review_users (id bigint primary key, email text not null)",
                "create table review_orders (id bigint primary key, user_id bigint, price double precision)",
                "insert into review_users values (1, 'a@example.com')",
                "insert into review_orders values (1, 1, 9.5), (2, 77, 3.0)");
        execute(database, JOIN);
        CollectorState state = new CollectorState();
        try (DatabasePoller poller = new DatabasePoller(Map.of("pg", database.jdbcUrlWithCredentials()), state, 0,
                advisor(""))) {
            poller.pollAll();
            Finding missing = only(state, FindingKind.MISSING_FOREIGN_KEY);
            assertThat(missing.table()).isEqualTo("review_orders");
            assertThat(missing.columns()).containsExactly("user_id");
            assertThat(missing.details()).containsEntry("orphanRows", 1L).containsEntry("source", "database")
                    .containsEntry("database", "pg");
            assertThat(missing.suggestion()).contains("NOT VALID").contains("VALIDATE CONSTRAINT");
            Finding money = only(state, FindingKind.IMPRECISE_MONEY_TYPE);
            assertThat(money.columns()).containsExactly("price");
            assertThat(state.findings().merged()).as("the poller's own catalog reads are not reviewed")
                    .noneMatch(f -> String.valueOf(f.table()).startsWith("pg_"));

            execute(database, "delete from review_orders where id = 2");
            for (String statement : missing.suggestion().split("(?<=;)\\s*")) {
                execute(database, statement);
            }
            execute(database, money.suggestion());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                poller.pollAll();
                assertThat(kinds(state)).doesNotContain(FindingKind.MISSING_FOREIGN_KEY,
                        FindingKind.IMPRECISE_MONEY_TYPE);
            });
            assertThat(kinds(state)).as("the new constraint's column has no index yet")
                    .contains(FindingKind.UNINDEXED_FOREIGN_KEY);
        }
    }

    @Test
    void mariaDbJoinWithoutConstraintIsReportedAndACheckSwitchedOffByNameIsNot() throws Exception {
        TestDatabase database = TestDatabases.mariadb().createDatabase("collector_advisor");
        execute(database, "create table review_users (id bigint primary key, email varchar(100) not null)",
                "create table review_orders (id bigint primary key, user_id bigint, price double)",
                "insert into review_users values (1, 'a@example.com')",
                "insert into review_orders values (1, 1, 9.5), (2, 77, 3.0)");
        execute(database, JOIN);
        CollectorState state = new CollectorState();
        try (DatabasePoller poller = new DatabasePoller(Map.of("maria", database.jdbcUrlWithCredentials()), state, 0,
                advisor("imprecise_money_type"))) {
            poller.pollAll();
            Finding missing = only(state, FindingKind.MISSING_FOREIGN_KEY);
            assertThat(missing.details()).containsEntry("orphanRows", 1L).containsEntry("database", "maria");
            assertThat(kinds(state)).doesNotContain(FindingKind.IMPRECISE_MONEY_TYPE);

            execute(database, "delete from review_orders where id = 2");
            execute(database, missing.suggestion());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                poller.pollAll();
                assertThat(kinds(state)).doesNotContain(FindingKind.MISSING_FOREIGN_KEY);
            });
        }
    }

    /** A review at most once a second: the polls after a fix repeat until the next review has run. */
    private static QueryLensConfig advisor(String disabledChecks) {
        return QueryLensConfig.builder().set(ConfigKey.ADVISOR_INTERVAL_SECONDS, 1)
                .set(ConfigKey.ADVISOR_DISABLED_CHECKS, disabledChecks).build();
    }

    private static Finding only(CollectorState state, FindingKind kind) {
        List<Finding> findings = state.findings().merged().stream()
                .filter(f -> f.kind() == kind && String.valueOf(f.table()).startsWith("review_")).toList();
        assertThat(findings).as(kind + " in " + state.findings().merged()).hasSize(1);
        return findings.get(0);
    }

    private static List<FindingKind> kinds(CollectorState state) {
        return state.findings().merged().stream().filter(f -> String.valueOf(f.table()).startsWith("review_"))
                .map(Finding::kind).toList();
    }

    private static void execute(TestDatabase database, String... statements) throws SQLException {
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                if (statement.execute(sql)) {
                    try (ResultSet rs = statement.getResultSet()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
        }
    }
}
