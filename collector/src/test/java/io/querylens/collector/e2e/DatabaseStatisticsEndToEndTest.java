package io.querylens.collector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The databases' own statistics, read by the collector and tied to the applications' shapes and findings. */
class DatabaseStatisticsEndToEndTest extends DatabaseStatisticsFixture {

    @Test
    void ddlBlockedByALongTransactionIsADdlLockWaitNamingTheBlockersQuery() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        executeDirectly(postgres, "drop table if exists lock_target", "create table lock_target (id int primary key)");
        collector = startWithApplication(postgres, "pg");
        whileDdlWaitsBehindALongTransaction(postgres, "lock_target",
                "alter table lock_target add column blocked_note text", () -> {
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        JsonNode lockWait = finding("ddl_lock_wait");
                        assertThat(lockWait).as("ddl_lock_wait in /api/findings").isNotNull();
                        assertThat(lockWait.path("sql").asText()).contains("alter table lock_target");
                        assertThat(lockWait.path("details").path("blockingQueries").toString())
                                .contains("select count (*) from lock_target");
                        String metrics = CollectorEndToEndTest.getText(collector.port(), "/metrics");
                        assertThat(metrics).contains("querylens_db_lock_waits{db=\"pg\"} 1.0",
                                "querylens_findings{kind=\"ddl_lock_wait\",severity=\"critical\"} 1.0");
                        assertThat(longestLockWaitSeconds(metrics)).as("querylens_db_lock_wait_seconds")
                                .isPositive();
                    });
                });
    }

    @Test
    void ddlTypedByHandIsReportedAsOutsideMigrationWithItsRole() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        executeDirectly(postgres, "drop table if exists by_hand", "create table by_hand (id int primary key)");
        collector = startWithApplication(postgres, "pg");
        Thread.sleep(1_500); // the first poll is the baseline
        executeDirectly(postgres, "alter table by_hand add column typed_by_hand int");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode outside = finding("ddl_outside_migration");
            assertThat(outside).isNotNull();
            assertThat(outside.path("sql").asText()).contains("alter table by_hand add column typed_by_hand");
            assertThat(outside.path("details").path("source").asText()).isEqualTo("database");
            assertThat(outside.path("details").path("role").asText()).isEqualTo(postgres.user());
        });
    }

    @Test
    void ddlAnInstrumentedApplicationRanIsNotReportedAsOutsideMigration() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        executeDirectly(postgres, "drop table if exists by_app", "create table by_app (id int primary key)");
        collector = startWithApplication(postgres, "pg");
        Thread.sleep(1_500);
        try (Connection app = DriverManager.getConnection(postgres.querylensUrl(), postgres.user(),
                postgres.password()); Statement statement = app.createStatement()) {
            statement.execute("alter table by_app add column added_by_app int");
        }
        executeDirectly(postgres, "alter table by_app add column added_by_hand int");
        await().atMost(Duration.ofSeconds(30)).until(() -> finding("ddl_outside_migration") != null);
        Thread.sleep(2_000);
        // The application's own DDL guard reports its ALTER (it is outside a migration too); what must not happen is
        // the collector reporting it a second time as DDL nobody instrumented saw (source=database).
        JsonNode findings = CollectorEndToEndTest.get(collector.port(), "/api/findings");
        StringBuilder seenOnlyByTheDatabase = new StringBuilder();
        for (JsonNode finding : findings) {
            if ("database".equals(finding.path("details").path("source").asText())) {
                seenOnlyByTheDatabase.append(finding.path("sql").asText()).append('\n');
            }
        }
        assertThat(seenOnlyByTheDatabase.toString()).contains("added_by_hand").doesNotContain("added_by_app");
    }

    @Test
    void mariaDbDigestsAreCorrelatedWithTheApplicationsShape() throws Exception {
        TestDatabase mariadb = TestDatabases.mariadb();
        executeDirectly(mariadb, "drop table if exists digest_target",
                "create table digest_target (id int primary key, note varchar(20))",
                "insert into digest_target values (1, 'a'), (2, 'b')");
        collector = startWithApplication(mariadb, "maria");
        try (Connection app = DriverManager.getConnection(mariadb.querylensUrl(), mariadb.user(),
                mariadb.password());
             PreparedStatement select = app.prepareStatement("select note from digest_target where id = ?")) {
            for (int i = 0; i < 50; i++) {
                select.setInt(1, 1 + i % 2);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode query = null;
            for (JsonNode candidate : CollectorEndToEndTest.get(collector.port(), "/api/queries")) {
                if (candidate.path("sql").asText().contains("from digest_target where id")) {
                    query = candidate;
                }
            }
            assertThat(query).isNotNull();
            assertThat(query.path("executions").asLong()).isEqualTo(50);
            assertThat(query.path("database")).as("performance_schema digest for the same shape").isNotEmpty();
            assertThat(query.path("database").get(0).path("calls").asLong()).isGreaterThanOrEqualTo(50);
        });
    }

    private static double longestLockWaitSeconds(String metrics) {
        Matcher value = Pattern.compile("(?m)^querylens_db_lock_wait_seconds\\{db=\"pg\"} (\\S+)$").matcher(metrics);
        assertThat(value.find()).as("querylens_db_lock_wait_seconds{db=\"pg\"} in%n%s", metrics).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
