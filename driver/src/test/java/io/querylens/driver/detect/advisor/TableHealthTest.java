package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue "Schema advisor": table_health findings and the values behind them, on PostgreSQL 17 and MariaDB 11.4. */
class TableHealthTest {

    @Test
    void tableWithHalfItsRowsDeadIsCriticalUntilVacuumed() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("advisor_health");
        execute(database, "create table events (id int primary key, payload text) with (autovacuum_enabled = false)");
        execute(database, "insert into events select g, 'x' from generate_series(1, 2000) g");
        // Statistics reach the shared view when a backend goes idle, at most once a second: force it.
        execute(database, "delete from events where id > 1000;\nselect pg_stat_force_next_flush()");
        // The insert's and the delete's counts can reach the shared view in separate flushes: wait for both.
        awaitLiveAndDeadTuples(database, "events", 1000, 1000);
        AdvisorFixture fixture = new AdvisorFixture(database);
        fixture.applicationRuns("select payload from events where id = ?");

        Finding finding = deadTupleFinding();
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.table()).isEqualTo("events");
        assertThat(finding.suggestion()).isEqualTo("VACUUM (ANALYZE) events;");
        assertThat(finding.reason()).startsWith("50.0% of events's row versions are dead");
        assertThat(fixture.advisor().latestHealth())
                .anySatisfy(sample -> {
                    assertThat(sample.table()).isEqualTo("events");
                    assertThat(sample.metric()).isEqualTo("dead_tuple_ratio");
                    assertThat(sample.ratio()).isEqualTo(0.5);
                    assertThat(sample.status()).isEqualTo("critical");
                })
                .anySatisfy(sample -> {
                    assertThat(sample.table()).isNull();
                    assertThat(sample.metric()).isEqualTo("connection_usage");
                    assertThat(sample.status()).isEqualTo("good");
                });

        execute(database, finding.suggestion());
        AdvisorFixture vacuumed = new AdvisorFixture(database);
        vacuumed.applicationRuns("select payload from events where id = ?");
        assertThat(findings(FindingKind.TABLE_HEALTH)).filteredOn(f -> "events".equals(f.table())).isEmpty();
        assertThat(vacuumed.advisor().latestHealth())
                .anySatisfy(sample -> {
                    assertThat(sample.table()).isEqualTo("events");
                    assertThat(sample.status()).isEqualTo("good");
                });
    }

    @Test
    void connectionsNearTheServerLimitAreCriticalUntilReleased() throws Exception {
        TestDatabase database = TestDatabases.mariadb().createDatabase("advisor_health");
        execute(database, "create table events (id int primary key)");
        long originalLimit;
        try (Connection admin = database.open(); Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery("select @@max_connections")) {
            rs.next();
            originalLimit = rs.getLong(1);
        }
        List<Connection> held = new ArrayList<>();
        try {
            execute(database, "set global max_connections = 20");
            for (int i = 0; i < 16; i++) {
                held.add(database.open());
            }
            new AdvisorFixture(database).applicationRuns("select id from events where id = ?");
            Finding finding = findings(FindingKind.TABLE_HEALTH).stream()
                    .filter(f -> "connection_usage".equals(f.details().get("rule"))).findFirst().orElseThrow();
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.table()).isNull();
            assertThat((Double) finding.details().get("ratio")).isGreaterThan(0.8);

            for (Connection connection : held) {
                connection.close();
            }
            held.clear();
            new AdvisorFixture(database).applicationRuns("select id from events where id = ?");
            assertThat(findings(FindingKind.TABLE_HEALTH))
                    .filteredOn(f -> "connection_usage".equals(f.details().get("rule"))).isEmpty();
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            execute(database, "set global max_connections = " + originalLimit);
        }
    }

    private static void awaitLiveAndDeadTuples(TestDatabase database, String table, long live, long dead)
            throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String seen = "nothing";
        while (System.nanoTime() < deadline) {
            try (Connection connection = database.open(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select n_live_tup, n_dead_tup from pg_stat_user_tables "
                         + "where relid = to_regclass('" + table + "')")) {
                if (rs.next()) {
                    if (rs.getLong(1) == live && rs.getLong(2) == dead) {
                        return;
                    }
                    seen = rs.getLong(1) + " live, " + rs.getLong(2) + " dead";
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("statistics of " + table + " never showed " + live + " live and " + dead
                + " dead rows; last seen: " + seen);
    }

    private static Finding deadTupleFinding() {
        List<Finding> findings = findings(FindingKind.TABLE_HEALTH).stream()
                .filter(f -> "dead_tuple_ratio".equals(f.details().get("rule"))).toList();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
