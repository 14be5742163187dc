package io.querylens.driver.detect.unindexed;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.sql.Dialect;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Issue "Unindexed predicates": proof on a real PostgreSQL 17, tables of 50,000 rows. */
class UnindexedPredicatesOnPostgresTest extends UnindexedPredicatesSuite {
    private static final String SCHEMA = "unindexed_pg";

    UnindexedPredicatesOnPostgresTest() {
        super(Dialect.POSTGRESQL);
    }

    @Override
    TestDatabase createTables() throws SQLException {
        TestDatabase database = TestDatabases.postgres().freshSchema(SCHEMA);
        try (Connection raw = database.open()) {
            execute(raw, "create table users (id bigint primary key, organization_id int not null, "
                    + "status text not null, email text not null, created_at timestamptz not null)");
            execute(raw, "insert into users select g, g % 500, case when g % 7 = 0 then 'inactive' else 'active' end, "
                    + "'user' || g || '@example.com', now() - g * interval '1 minute' from generate_series(1, 50000) g");
            execute(raw, "create index users_email on users (email)");
            execute(raw, "create table events (id bigint primary key, account_id int not null, kind_id int not null, "
                    + "payload text)");
            execute(raw, "insert into events select g, g % 1000, g % 4999, 'x' from generate_series(1, 50000) g");
            execute(raw, "create index events_account_kind on events (account_id, kind_id)");
            execute(raw, "create table small_things (id int primary key, code text not null)");
            execute(raw, "insert into small_things select g, 'c' || g from generate_series(1, 100) g");
            execute(raw, "create table customers (id bigint primary key, name text not null)");
            execute(raw, "insert into customers select g, 'customer ' || g from generate_series(1, 1000) g");
            execute(raw, "create table orders (id bigint primary key, customer_id bigint not null references customers, "
                    + "reference text not null, total numeric not null)");
            execute(raw, "insert into orders select g, 1 + g % 1000, 'ref-' || g, g % 300 from generate_series(1, 50000) g");
            execute(raw, "create table ledger (id bigint primary key, account text not null)");
            execute(raw, "insert into ledger select g, 'acct-' || g from generate_series(1, 50000) g");
            execute(raw, "analyze");
        }
        return database;
    }


    @Test
    void usersFilteredByOrganizationAndStatusGetTheCompositeIndexAndTheSuggestionFixesThePlan() throws Exception {
        String sql = "select id, email from users where organization_id = ? and status = ?";
        try (Connection app = connect()) {
            run(app, sql, 42, "active");
            fixture.awaitAnalysis();
            Finding finding = fixture.onlyFindingFor(sql);
            assertThat(finding.suggestion()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY idx_users_organization_id_status ON users (organization_id, status);");
            assertThat(finding.table()).isEqualTo("users");
            assertThat(finding.columns()).containsExactly("organization_id", "status");
            assertThat(finding.reason()).contains("Seq Scan on users");
            assertThat(finding.details()).containsEntry("planNode", "Seq Scan on users")
                    .containsEntry("rule", "unindexed_predicate")
                    .containsEntry("tableRowsEstimate", 50_000L)
                    .containsKeys("p95Micros", "planRowsEstimate");
            // Analysis starts when the shape is first prepared, so it races the one execution: 0 or 1 at analysis
            // time (later refreshes carry the growing count, proven by UnindexedFindingCountsTest).
            assertThat(finding.details().get("executions")).isIn(0L, 1L);
            assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.FLAGGED);

            try {
                // The suggestion as given, through QueryLens: the DDL triggers re-analysis of every shape seen.
                execute(app, finding.suggestion());
                fixture.awaitAnalysis();
                assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
                assertThat(fixture.findingsFor(sql)).hasSize(1); // nothing new after the fix
            } finally {
                execute(app, "drop index if exists idx_users_organization_id_status");
            }
        }
    }

    @Test
    void secondColumnOfACompositeIndexAloneIsFlagged() throws Exception {
        String sql = "select * from events where kind_id = ?";
        analyse(fixture, sql, 7);
        Finding finding = fixture.onlyFindingFor(sql);
        assertThat(finding.suggestion()).isEqualTo("CREATE INDEX CONCURRENTLY idx_events_kind_id ON events (kind_id);");
        assertThat(finding.details()).containsEntry("existingIndexes", java.util.List.of("events_account_kind",
                "events_pkey"));
    }

    @Test
    void aliasedSchemaQualifiedJoinResolvesToTheFilteredTable() throws Exception {
        String sql = "select c.name from " + SCHEMA + ".customers c join " + SCHEMA + ".orders o "
                + "on o.customer_id = c.id where o.reference = ?";
        analyse(fixture, sql, "ref-77");
        Finding finding = fixture.onlyFindingFor(sql);
        assertThat(finding.table()).isEqualTo(SCHEMA + ".orders");
        assertThat(finding.suggestion()).isEqualTo(
                "CREATE INDEX CONCURRENTLY idx_orders_reference ON " + SCHEMA + ".orders (reference);");
        assertThat(finding.details()).containsEntry("planNode", "Seq Scan on orders o");
    }

    @Test
    void foreignKeyJoinedWithoutAnIndexIsFlaggedAndTheSuggestionFixesIt() throws Exception {
        String sql = "select o.total from customers c join orders o on o.customer_id = c.id where c.id = ?";
        try (Connection app = connect()) {
            run(app, sql, 5L);
            fixture.awaitAnalysis();
            Finding finding = fixture.onlyFindingFor(sql);
            assertThat(finding.details()).containsEntry("rule", "unindexed_foreign_key_join")
                    .containsEntry("referencedTable", "customers");
            assertThat(finding.suggestion()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY idx_orders_customer_id ON orders (customer_id);");
            try {
                execute(app, finding.suggestion());
                fixture.awaitAnalysis();
                assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
            } finally {
                execute(app, "drop index if exists idx_orders_customer_id");
            }
        }
    }

    @Test
    void functionOnAnIndexedColumnGetsAnExpressionIndex() throws Exception {
        String sql = "select id from users where lower(email) = ?";
        try (Connection app = connect()) {
            run(app, sql, "user7@example.com");
            fixture.awaitAnalysis();
            Finding finding = fixture.onlyFindingFor(sql);
            assertThat(finding.details()).containsEntry("rule", "expression_predicate");
            assertThat(finding.reason()).contains("the index on email cannot serve a function of it");
            assertThat(finding.suggestion()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY idx_users_loweremail ON users ((lower(email)));");
            try {
                execute(app, finding.suggestion());
                fixture.awaitAnalysis();
                assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
            } finally {
                execute(app, "drop index if exists idx_users_loweremail");
            }
        }
    }

    @Test
    void unparsableStatementIsSkippedWithoutTroublingTheApplication() throws Exception {
        String sql = "select id from users where status = ? order by id using <";
        try (Connection app = connect()) {
            assertThatCode(() -> run(app, sql, "active")).doesNotThrowAnyException();
            fixture.awaitAnalysis();
        }
        assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.SKIPPED);
        assertThat(fixture.findingsFor(sql)).isEmpty();
    }

    @Test
    void analysisNeverUsesTheApplicationsConnectionOrTransaction() throws Exception {
        fixture = new AnalysisFixture(Dialect.POSTGRESQL, 300);
        String sql = "select * from ledger where account = ?";
        try (Connection app = connect()) {
            app.setAutoCommit(false);
            execute(app, "lock table ledger in access exclusive mode");
            run(app, sql, "acct-9");
            // Analysis on any other connection waits for the lock and times out; on this one it would succeed.
            fixture.awaitAnalysis();
            assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.FAILED);
            try (var statement = app.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*) from pg_prepared_statements "
                         + "where name = '" + PlanInspector.STATEMENT_NAME + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            run(app, "select count(*) from ledger where id = ?", 1L);
            app.commit();
        }
    }
}
