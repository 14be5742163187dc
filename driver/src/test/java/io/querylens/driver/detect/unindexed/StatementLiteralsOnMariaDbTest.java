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
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Issue "Unindexed predicates" on a real MariaDB 11.4 (50,000 rows): a number compared with an indexed string column
 * (MariaDB converts every row and cannot use the index), a LIKE pattern that starts with a wildcard, an unparsable
 * statement, what is analysed (SELECT, UPDATE, DELETE: explained, never executed; never INSERT), and analysis that
 * never runs on the application's connection: a table the application holds under LOCK TABLES makes the analysis
 * time out on its own connection, while the application carries on.
 */
class StatementLiteralsOnMariaDbTest extends RealDatabaseSuite {

    StatementLiteralsOnMariaDbTest() {
        super(Dialect.MYSQL);
    }

    @Override
    TestDatabase createTables() throws SQLException {
        TestDatabase database = TestDatabases.mariadb().createDatabase("unindexed_literals");
        try (Connection raw = database.open()) {
            execute(raw, "create table contacts (id bigint primary key, phone varchar(20) not null, "
                    + "email varchar(100) not null, note varchar(20) not null, key contacts_phone (phone), "
                    + "key contacts_email (email))");
            execute(raw, "insert into contacts select seq, concat('555', seq), concat('user', seq, '@example.com'), "
                    + "if(seq % 100 = 0, '1', 'plain') from seq_1_to_50000");
            execute(raw, "create table ledger (id bigint primary key, account varchar(30) not null)");
            execute(raw, "insert into ledger select seq, concat('acct-', seq) from seq_1_to_50000");
            execute(raw, "analyze table contacts, ledger");
        }
        return database;
    }

    @Test
    void numberComparedWithAnIndexedStringColumnIsAnImplicitCast() throws Exception {
        String sql = "select id from contacts where phone = 5550007";
        AnalysisFixture quoted = analysed("select id from contacts where phone = '5550007'");
        assertThat(quoted.outcome(sql)).as("a string constant uses the index").isEqualTo(AnalysisOutcome.CLEAN);

        Finding finding = analysed(sql).onlyFindingFor(sql);
        assertThat(finding.details()).containsEntry("rule", "implicit_cast")
                .containsEntry("planNode", "Full index scan on contacts");
        assertThat(finding.columns()).containsExactly("phone");
        assertThat(finding.reason()).contains("constant of another type").contains("quote it")
                .doesNotContain("5550007");
        assertThat(finding.suggestion()).as("no index serves a converted column on MariaDB").isNull();
    }

    @Test
    void leadingWildcardLikeIsReportedEvenWithAnIndexOnTheColumn() throws Exception {
        String sql = "select id from contacts where email like '%@example.org'";
        Finding finding = analysed(sql).onlyFindingFor(sql);
        assertThat(finding.details()).containsEntry("rule", "leading_wildcard");
        assertThat(finding.columns()).containsExactly("email");
        assertThat(finding.reason()).contains("starts with a wildcard").contains("FULLTEXT");
        assertThat(finding.suggestion()).isNull();
    }

    @Test
    void unparsableStatementIsSkippedWithoutTroublingTheApplication() throws Exception {
        // MariaDB's LIMIT … ROWS EXAMINED, which JSqlParser does not know.
        String sql = "select id from contacts where phone = ? order by id limit 10 rows examined 100000";
        AnalysisFixture fixture = freshEngine();
        try (Connection app = connect()) {
            assertThatCode(() -> run(app, sql, "5550007")).doesNotThrowAnyException();
            run(app, "select count(*) from contacts where id = ?", 1L);
            fixture.awaitAnalysis();
        }
        assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.SKIPPED);
        assertThat(fixture.findingsFor(sql)).isEmpty();
    }

    @Test
    void updatesAndDeletesAreExplainedNeverExecutedAndInsertsAreNotAnalysed() throws Exception {
        String delete = "delete from contacts where note = ?";
        String update = "update contacts set email = email where note = ?";
        String insert = "insert into contacts (id, phone, email, note) values (?, ?, ?, ?)";
        AnalysisFixture fixture = freshEngine();
        long before = notesEqualToOne();
        try (Connection app = connect()) {
            run(app, delete, "no such note");
            run(app, update, "no such note");
            run(app, insert, 900_001L, "x", "x", "x");
            fixture.awaitAnalysis();
            execute(app, "delete from contacts where id = 900001");
        }
        // MySQL cannot plan a marker, so the plan was made with '1' in its place: rows with note '1' exist, and
        // they are all still there.
        assertThat(notesEqualToOne()).isEqualTo(before).isEqualTo(500);
        assertThat(fixture.onlyFindingFor(delete).suggestion())
                .isEqualTo("ALTER TABLE contacts ADD INDEX idx_contacts_note (note), ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(fixture.outcome(update)).isEqualTo(AnalysisOutcome.FLAGGED);
        assertThat(fixture.outcome(insert)).as("never analysed").isNull();
    }

    @Test
    void analysisNeverUsesTheApplicationsConnectionOrItsTableLocks() throws Exception {
        String sql = "select * from ledger where account = ?";
        AnalysisFixture fixture = new AnalysisFixture(Dialect.MYSQL, 300);
        try (Connection app = connect()) {
            execute(app, "lock tables ledger write");
            try {
                run(app, sql, "acct-9");
                // Any other connection waits for the table lock until lock_wait_timeout; this one would not.
                fixture.awaitAnalysis();
                assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.FAILED);
                run(app, "select count(*) from ledger where id = ?", 1L);
            } finally {
                execute(app, "unlock tables");
            }
        }
    }

    private long notesEqualToOne() throws SQLException {
        return Long.parseLong(firstColumn("select count(*) from contacts where note = '1'").strip());
    }
}
