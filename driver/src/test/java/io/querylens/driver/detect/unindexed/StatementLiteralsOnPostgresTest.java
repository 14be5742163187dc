package io.querylens.driver.detect.unindexed;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.sql.Dialect;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.execute;
import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Unindexed predicates", what only the statement as sent shows (the shape turns its constants into {@code ?}):
 * partial indexes implied by equality, IN and IS NULL on constants, a LIKE pattern that starts with a wildcard, and a
 * constant of another type that makes PostgreSQL cast the indexed column. Each suggestion is run as given and the
 * database's own plan for the statement is checked afterwards. PostgreSQL 17, tables of 50,000 rows.
 */
class StatementLiteralsOnPostgresTest extends RealDatabaseSuite {
    private static final String SCHEMA = "unindexed_literals";

    StatementLiteralsOnPostgresTest() {
        super(Dialect.POSTGRESQL);
    }

    @Override
    TestDatabase createTables() throws SQLException {
        TestDatabase database = TestDatabases.postgres().freshSchema(SCHEMA);
        try (Connection raw = database.open()) {
            execute(raw, "drop extension if exists pg_trgm");
            execute(raw, "create table tickets (id bigint primary key, customer_id int not null, status text not null, "
                    + "code text not null, deleted_at timestamptz, account_no bigint not null, note text not null)");
            execute(raw, "insert into tickets select g, g % 2000, case when g % 50 = 0 then 'open' else 'closed' end, "
                    + "'T' || g, case when g % 3 = 0 then now() end, g, 'note ' || g || ' about printer ' || (g % 97) "
                    + "from generate_series(1, 50000) g");
            execute(raw, "create index tickets_open_by_customer on tickets (customer_id) where status = 'open'");
            execute(raw, "create index tickets_live_code on tickets (code) where deleted_at is null");
            execute(raw, "create index tickets_account_no on tickets (account_no)");
            execute(raw, "analyze tickets");
        }
        return database;
    }

    @Test
    void partialIndexServesTheStatementsThatImplyItsWhereClause() throws Exception {
        AnalysisFixture fixture = freshEngine();
        String openOfCustomer = "select id from tickets where customer_id = ? and status = 'open'";
        String openListed = "select id from tickets where customer_id = ? and status in ('open')";
        String liveCode = "select id from tickets where code = ? and deleted_at is null";
        try (Connection app = connect()) {
            run(app, openOfCustomer, 7);
            run(app, openListed, 7);
            run(app, liveCode, "T9");
            fixture.awaitAnalysis();
        }
        for (String sql : new String[] {openOfCustomer, openListed, liveCode}) {
            assertThat(fixture.outcome(sql)).as(sql).isEqualTo(AnalysisOutcome.CLEAN);
            assertThat(fixture.findingsFor(sql)).as(sql).isEmpty();
        }
        // The catalog's verdict is the planner's: with the constants as sent, it reads the partial indexes.
        assertThat(plan("select id from tickets where customer_id = 7 and status = 'open'"))
                .contains("tickets_open_by_customer");
        assertThat(plan("select id from tickets where code = 'T9' and deleted_at is null")).contains("tickets_live_code");
    }

    @Test
    void partialIndexWhoseWhereClauseIsNotImpliedLeavesTheStatementUnindexed() throws Exception {
        AnalysisFixture fixture = freshEngine();
        String closedOfCustomer = "select id from tickets where customer_id = ? and status = 'closed'";
        String anyCode = "select id from tickets where code = ?";
        try (Connection app = connect()) {
            run(app, closedOfCustomer, 7);
            run(app, anyCode, "T9");
            fixture.awaitAnalysis();
            assertThat(fixture.onlyFindingFor(anyCode).suggestion())
                    .isEqualTo("CREATE INDEX CONCURRENTLY idx_tickets_code ON tickets (code);");
            Finding finding = fixture.onlyFindingFor(closedOfCustomer);
            assertThat(finding.suggestion()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY idx_tickets_customer_id_status ON tickets (customer_id, status);");
            assertThat(finding.details()).containsEntry("planNode", "Seq Scan on tickets");
            try {
                execute(app, finding.suggestion());
                fixture.awaitAnalysis();
                assertThat(fixture.outcome(closedOfCustomer)).isEqualTo(AnalysisOutcome.CLEAN);
                assertThat(plan("select id from tickets where customer_id = 7 and status = 'closed'"))
                        .contains("idx_tickets_customer_id_status");
            } finally {
                execute(app, "drop index if exists idx_tickets_customer_id_status");
            }
        }
    }

    @Test
    void leadingWildcardLikeIsReportedAndATrigramIndexFixesItOncePgTrgmIsInstalled() throws Exception {
        String sql = "select id from tickets where note like '%printer 42'";
        // One shape for all three statements: each engine judges it by the first text it was sent.
        AnalysisFixture markerFirst = analysed("select id from tickets where note like ?", "%printer 42");
        assertThat(markerFirst.outcome(sql)).as("the pattern is unknown behind a marker").isEqualTo(AnalysisOutcome.CLEAN);
        AnalysisFixture prefixFirst = analysed("select id from tickets where note like 'note 4%'");
        assertThat(prefixFirst.outcome(sql)).as("a constant prefix is a B-tree's business").isEqualTo(AnalysisOutcome.CLEAN);

        Finding noExtension = analysed(sql).onlyFindingFor(sql);
        assertThat(noExtension.details()).containsEntry("rule", "leading_wildcard")
                .containsEntry("planNode", "Seq Scan on tickets");
        assertThat(noExtension.columns()).containsExactly("note");
        assertThat(noExtension.suggestion()).as("no statement fixes it until pg_trgm is installed").isNull();
        assertThat(noExtension.reason()).contains("starts with a wildcard").contains("CREATE EXTENSION pg_trgm")
                .doesNotContain("printer");

        try (Connection raw = database.open()) {
            execute(raw, "create extension if not exists pg_trgm schema " + SCHEMA);
        }
        AnalysisFixture withTrigrams = freshEngine();
        try (Connection app = connect()) {
            try {
                run(app, sql);
                withTrigrams.awaitAnalysis();
                Finding finding = withTrigrams.onlyFindingFor(sql);
                assertThat(finding.suggestion()).isEqualTo(
                        "CREATE INDEX CONCURRENTLY idx_tickets_note_trgm ON tickets USING gin (note gin_trgm_ops);");
                execute(app, finding.suggestion());
                withTrigrams.awaitAnalysis();
                assertThat(withTrigrams.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
                assertThat(plan("select id from tickets where note like '%printer 42'"))
                        .contains("idx_tickets_note_trgm");
            } finally {
                execute(app, "drop index if exists idx_tickets_note_trgm");
                execute(app, "drop extension if exists pg_trgm");
            }
        }
    }

    @Test
    void constantOfAnotherTypeThatCastsTheIndexedColumnIsReportedWithAnIndexOnTheCast() throws Exception {
        String sql = "select id from tickets where account_no = 1000.0";
        AnalysisFixture sameType = analysed("select id from tickets where account_no = 1000");
        assertThat(sameType.outcome(sql)).as("an integer constant uses the index").isEqualTo(AnalysisOutcome.CLEAN);

        AnalysisFixture otherType = freshEngine();
        try (Connection app = connect()) {
            run(app, sql);
            otherType.awaitAnalysis();
            Finding finding = otherType.onlyFindingFor(sql);
            assertThat(finding.details()).containsEntry("rule", "implicit_cast")
                    .containsEntry("planNode", "Seq Scan on tickets");
            assertThat(finding.columns()).containsExactly("account_no");
            assertThat(finding.reason()).contains("casts account_no to numeric").doesNotContain("1000");
            assertThat(finding.suggestion()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY idx_tickets_account_no_numeric ON tickets (((account_no)::numeric));");
            try {
                execute(app, finding.suggestion());
                otherType.awaitAnalysis();
                assertThat(otherType.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
                assertThat(plan(sql)).contains("idx_tickets_account_no_numeric");
            } finally {
                execute(app, "drop index if exists idx_tickets_account_no_numeric");
            }
        }
    }

    private String plan(String sql) throws SQLException {
        return firstColumn("explain " + sql);
    }
}
