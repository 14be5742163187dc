package io.querylens.collector.dbstats;

import io.querylens.collector.merge.CollectorState;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The collector's {@code --db} URL may name a {@code currentSchema} (a search_path) that leaves out the schema
 * pg_stat_statements is installed in. The poller reads the view from the schema the extension is in, here one whose
 * name needs quoting, so statement statistics are collected all the same. Real PostgreSQL 17.
 */
class StatementStatisticsOutsideSearchPathTest {

    @Test
    void statementStatisticsAreReadWhenTheUrlsCurrentSchemaLeavesOutTheExtensionsSchema() throws Exception {
        TestDatabase database = TestDatabases.postgres().createDatabase("collector_search_path");
        execute(database, "create schema \"Query Stats\"",
                "create extension pg_stat_statements schema \"Query Stats\"",
                "create schema shop",
                "create table shop.parcels (id int primary key, weight int)",
                "insert into shop.parcels select g, g from generate_series(1, 50) g",
                "select count(*) from shop.parcels where weight > 10");
        TestDatabase shop = database.withUrlParameter("currentSchema", "shop");
        try (Connection connection = shop.open(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select count(*) from pg_stat_statements").close())
                    .as("the view is out of the URL's search_path").hasMessageContaining("does not exist");
        }

        try (DatabasePoller poller = new DatabasePoller(Map.of("shop", shop.jdbcUrlWithCredentials()),
                new CollectorState(), 30_000)) {
            poller.pollAll();
            poller.pollAll();

            DatabaseStatistics statistics = poller.latest().get(0);
            assertThat(statistics.unavailable()).isEmpty();
            assertThat(statistics.statements()).as("pg_stat_statements rows of this database")
                    .anySatisfy(stats -> {
                        assertThat(stats.text()).contains("from shop.parcels where weight >");
                        assertThat(stats.calls()).isEqualTo(1);
                    });
        }
    }

    private static void execute(TestDatabase database, String... statements) throws SQLException {
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                if (statement.execute(sql)) {
                    try (ResultSet rows = statement.getResultSet()) {
                        rows.next();
                    }
                }
            }
        }
    }
}
