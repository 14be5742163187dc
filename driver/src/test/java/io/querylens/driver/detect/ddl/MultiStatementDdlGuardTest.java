package io.querylens.driver.detect.ddl;

import com.example.shop.SchemaTweaks;
import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A DROP hidden behind a SELECT in one text ({@code allowMultiQueries=true} on MariaDB/MySQL, any plain statement on
 * PostgreSQL) or behind an INSERT in one batch: the server would run it, so the guard must see it. Before this test the
 * shape's kind came from the first statement only, and the DROP ran even in block mode.
 */
class MultiStatementDdlGuardTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @AfterEach
    void defaultEngine() {
        QueryLens.configure(QueryLensConfig.defaults());
    }

    @Test
    void blockModeRefusesDropBehindSelectOnMariaDbWithAllowMultiQueries() throws Exception {
        TestDatabase database = fresh(TestDatabases.mariadb()).withUrlParameter("allowMultiQueries", "true");
        createVictim(database);
        assertMultiQueriesReallyRunBoth(database);
        blockMode();
        try (Connection connection = watched(database)) {
            assertThatThrownBy(() -> SchemaTweaks.execute(connection, "select 1; drop table victim"))
                    .isInstanceOf(DdlBlockedException.class)
                    .hasMessageContaining("drop table victim");
            assertThat(victimExists(connection)).isTrue();
        }
        assertThat(blockedFindings()).isEqualTo(1);
    }

    @Test
    void blockModeRefusesDropBehindSelectOnPostgres() throws Exception {
        TestDatabase database = fresh(TestDatabases.postgres());
        createVictim(database);
        blockMode();
        try (Connection connection = watched(database)) {
            assertThatThrownBy(() -> SchemaTweaks.execute(connection, "SELECT 1;\n/* tidy up */ DROP TABLE victim;"))
                    .isInstanceOf(DdlBlockedException.class);
            assertThat(victimExists(connection)).isTrue();
        }
        assertThat(blockedFindings()).isEqualTo(1);
    }

    @Test
    void blockModeRefusesDdlAddedToAPlainBatchAndTheRestOfTheBatchStillRuns() throws Exception {
        TestDatabase database = fresh(TestDatabases.mariadb());
        createVictim(database);
        blockMode();
        try (Connection connection = watched(database); Statement batch = connection.createStatement()) {
            batch.addBatch("insert into victim values (1)");
            assertThatThrownBy(() -> batch.addBatch("drop table victim")).isInstanceOf(DdlBlockedException.class);
            batch.addBatch("insert into victim values (2)");
            assertThat(batch.executeBatch()).containsExactly(1, 1);
            assertThat(victimExists(connection)).isTrue();
            try (ResultSet rows = connection.createStatement().executeQuery("select count(*) from victim")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
        assertThat(blockedFindings()).isEqualTo(1);
    }

    @Test
    void warnModeLetsTheMultiStatementRunAndReportsItOnce() throws Exception {
        TestDatabase database = fresh(TestDatabases.postgres());
        createVictim(database);
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DDL_MODE, "warn").build());
        try (Connection connection = watched(database)) {
            SchemaTweaks.execute(connection, "select 1; drop table victim");
            assertThat(victimExists(connection)).isFalse();
        }
        assertThat(QueryLens.findings()).filteredOn(f -> f.kind() == FindingKind.DDL_OUTSIDE_MIGRATION)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.sql()).isEqualTo("select ?; drop table victim");
                    assertThat(f.details()).containsEntry("blocked", false);
                });
    }

    private static TestDatabase fresh(TestDatabase server) throws SQLException {
        return server.freshSchema("multi_ddl_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet());
    }

    private static void createVictim(TestDatabase database) throws SQLException {
        try (Connection raw = database.open(); Statement statement = raw.createStatement()) {
            statement.execute("create table victim (id int)");
        }
    }

    /** Without QueryLens the server does run the second statement: the guard is what stops it. */
    private static void assertMultiQueriesReallyRunBoth(TestDatabase database) throws SQLException {
        try (Connection raw = database.open(); Statement statement = raw.createStatement()) {
            statement.execute("select 1; create table canary (id int)");
            try (ResultSet rows = raw.getMetaData().getTables(null, null, "canary", null)) {
                assertThat(rows.next()).as("allowMultiQueries ran the second statement").isTrue();
            }
        }
    }

    private static void blockMode() {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DDL_MODE, "block").build());
    }

    private static Connection watched(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    private static boolean victimExists(Connection connection) throws SQLException {
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        try (ResultSet rows = connection.getMetaData().getTables(catalog, schema, "victim", null)) {
            return rows.next();
        }
    }

    private static long blockedFindings() {
        return QueryLens.findings().stream()
                .filter(f -> f.kind() == FindingKind.DDL_OUTSIDE_MIGRATION && Boolean.TRUE.equals(f.details().get("blocked")))
                .count();
    }
}
