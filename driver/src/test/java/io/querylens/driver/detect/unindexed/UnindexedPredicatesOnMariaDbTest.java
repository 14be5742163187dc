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

/** Issue "Unindexed predicates": proof on a real MariaDB 11.4 (EXPLAIN FORMAT=JSON, information_schema). */
class UnindexedPredicatesOnMariaDbTest extends UnindexedPredicatesSuite {

    UnindexedPredicatesOnMariaDbTest() {
        super(Dialect.MYSQL);
    }

    @Override
    TestDatabase createTables() throws SQLException {
        TestDatabase database = TestDatabases.mariadb().createDatabase("unindexed_my");
        try (Connection raw = database.open()) {
            execute(raw, "create table users (id bigint primary key, organization_id int not null, "
                    + "status varchar(20) not null, email varchar(100) not null, key users_email (email))");
            execute(raw, "insert into users select seq, seq % 500, if(seq % 7 = 0, 'inactive', 'active'), "
                    + "concat('user', seq, '@example.com') from seq_1_to_50000");
            execute(raw, "create table events (id bigint primary key, account_id int not null, kind_id int not null, "
                    + "key events_account_kind (account_id, kind_id))");
            execute(raw, "insert into events select seq, seq % 1000, seq % 4999 from seq_1_to_50000");
            execute(raw, "create table small_things (id int primary key, code varchar(20) not null)");
            execute(raw, "insert into small_things select seq, concat('c', seq) from seq_1_to_100");
            execute(raw, "create table customers (id bigint primary key, name varchar(50) not null)");
            execute(raw, "insert into customers select seq, concat('customer ', seq) from seq_1_to_1000");
            execute(raw, "create table orders (id bigint primary key, customer_id bigint not null, "
                    + "reference varchar(30) not null)");
            execute(raw, "insert into orders select seq, 1 + seq % 1000, concat('ref-', seq) from seq_1_to_50000");
            execute(raw, "analyze table users, events, small_things, customers, orders");
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
            assertThat(finding.suggestion()).isEqualTo("ALTER TABLE users ADD INDEX idx_users_organization_id_status "
                    + "(organization_id, status), ALGORITHM=INPLACE, LOCK=NONE;");
            assertThat(finding.columns()).containsExactly("organization_id", "status");
            assertThat(finding.details()).containsEntry("planNode", "Full table scan (ALL) on users");
            try {
                execute(app, finding.suggestion());
                fixture.awaitAnalysis();
                assertThat(fixture.outcome(sql)).isEqualTo(AnalysisOutcome.CLEAN);
            } finally {
                execute(app, "alter table users drop index if exists idx_users_organization_id_status");
            }
        }
    }

    @Test
    void secondColumnOfACompositeIndexAloneIsFlagged() throws Exception {
        String sql = "select * from events where kind_id = ?";
        analyse(fixture, sql, 7);
        assertThat(fixture.onlyFindingFor(sql).suggestion())
                .isEqualTo("ALTER TABLE events ADD INDEX idx_events_kind_id (kind_id), ALGORITHM=INPLACE, LOCK=NONE;");
    }

    @Test
    void aliasedSchemaQualifiedJoinResolvesToTheFilteredTable() throws Exception {
        String sql = "select c.name from unindexed_my.customers c join unindexed_my.orders o "
                + "on o.customer_id = c.id where o.reference = ?";
        analyse(fixture, sql, "ref-77");
        Finding finding = fixture.onlyFindingFor(sql);
        assertThat(finding.table()).isEqualTo("unindexed_my.orders");
        assertThat(finding.suggestion()).isEqualTo("ALTER TABLE unindexed_my.orders ADD INDEX idx_orders_reference "
                + "(reference), ALGORITHM=INPLACE, LOCK=NONE;");
    }
}
