package io.querylens.collector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB's own statistics as the collector reads them (performance_schema, information_schema): lock waits with
 * their blockers, a DDL stuck behind a long transaction as {@code ddl_lock_wait} naming the blocker's statement,
 * table I/O waits and connection counts. Issue 8.
 */
class MariaDbStatisticsEndToEndTest extends DatabaseStatisticsFixture {

    @Test
    void ddlBlockedByALongTransactionIsADdlLockWaitNamingTheBlockersQuery() throws Exception {
        TestDatabase mariadb = TestDatabases.mariadb();
        executeDirectly(mariadb, "drop table if exists maria_lock_target",
                "create table maria_lock_target (id int primary key, note varchar(20))",
                "insert into maria_lock_target values (1, 'a'), (2, 'b')");
        collector = start(mariadb, "maria");
        whileDdlWaitsBehindALongTransaction(mariadb, "maria_lock_target",
                "alter table maria_lock_target add column blocked_note varchar(20)", () -> {
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        JsonNode lockWait = finding("ddl_lock_wait");
                        assertThat(lockWait).as("ddl_lock_wait in /api/findings; /api/databases: %s",
                                CollectorEndToEndTest.getText(collector.port(), "/api/databases")).isNotNull();
                        assertThat(lockWait.path("sql").asText()).contains("alter table maria_lock_target");
                        assertThat(lockWait.path("details").path("blockingPids")).isNotEmpty();
                        assertThat(lockWait.path("details").path("blockingQueries").toString())
                                .contains("from maria_lock_target");
                    });
                    assertThat(CollectorEndToEndTest.getText(collector.port(), "/metrics"))
                            .contains("querylens_db_lock_waits{db=\"maria\"} 1.0");
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> finding("ddl_lock_wait") == null);
    }

    @Test
    void rowLockWaitsTableIoWaitsAndConnectionsAreRead() throws Exception {
        TestDatabase mariadb = TestDatabases.mariadb();
        executeDirectly(mariadb, "drop table if exists maria_rows",
                "create table maria_rows (id int primary key, note varchar(20))",
                "insert into maria_rows values (1, 'a'), (2, 'b')", "select note from maria_rows where id = 2");
        collector = start(mariadb, "maria");
        try (Connection waiter = mariadb.open(); Connection holder = mariadb.open()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeUpdate("update maria_rows set note = 'held' where id = 1");
            }
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement statement = waiter.createStatement()) {
                    statement.executeUpdate("update maria_rows set note = 'waits' where id = 1");
                } catch (Exception ignored) {
                    // ends when the holder rolls back
                }
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode maria = database("maria");
                assertThat(maria.path("lockWaits")).as(maria.toString()).hasSize(1);
                JsonNode wait = maria.path("lockWaits").get(0);
                // Served as its shape: lock-wait texts come from the processlist with their literals, which must
                // never leave the collector (SecretsNeverLeaveTheProcessTest).
                assertThat(wait.path("query").asText()).isEqualTo("update maria_rows set note = ? where id = ?");
                assertThat(wait.path("blockingPids")).as("the holder's session").hasSize(1);
            });
            holder.rollback();
            blocked.get();
        }
        JsonNode maria = database("maria");
        assertThat(maria.path("connections").asLong()).isPositive();
        assertThat(maria.path("maxConnections").asLong()).isPositive();
        assertThat(maria.path("unavailable")).isEmpty();
        assertThat(maria.path("tables").toString()).contains("\"table\":\"maria_rows\"");
        for (JsonNode table : maria.path("tables")) {
            if (table.path("table").asText().equals("maria_rows")) {
                assertThat(table.path("ioWaits").asLong()).as("table I/O waits").isPositive();
            }
        }
        assertThat(CollectorEndToEndTest.getText(collector.port(), "/metrics"))
                .contains("querylens_db_connections_used_ratio{db=\"maria\"}",
                        "querylens_db_table_io_waits_total{db=\"maria\",schema=\"");
    }
}
