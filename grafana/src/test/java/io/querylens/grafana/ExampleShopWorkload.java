package io.querylens.grafana;

import io.querylens.QueryLensDataSource;
import io.querylens.examples.shop.OrderReports;
import io.querylens.examples.shop.ShopData;
import io.querylens.examples.shop.ShopMigrations;
import io.querylens.testkit.TestDatabase;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The example application ({@code io.querylens.examples.shop}) as the dashboards' workload, watched through
 * {@code jdbc:querylens:}: every finding a panel counts comes from the shop's own code, as
 * {@code ShopProblemsAndFixesTest} drives it. The unsafe migration set ({@link ShopMigrations#UNSAFE}, run by Flyway
 * over a {@link QueryLensDataSource}) fails on the shop's rows and leaves its failed statement for the error panels;
 * the start-up schema change is {@link OrderReports#addLoyaltyColumnFromApplicationCode}; the N+1 loop and the count
 * on the unindexed columns of the 20,000-row orders table are the shop's reports, run round after round as the
 * steady traffic the rate panels need. Nothing is added for the panels: the unused index is Flyway's own
 * {@code flyway_schema_history_s_idx}, which nothing scans on a table that small.
 */
final class ExampleShopWorkload {
    /** The sizes ShopProblemsAndFixesTest uses: orders above querylens.index.minRows (10,000 by default). */
    private static final int USERS = 200;
    private static final int ORDERS = 20_000;
    /** A round as the example's ShopUnderAgentMain runs it, with fewer counts: each one reads all of orders. */
    private static final int NPLUSONE_ORDERS = 25;
    private static final int USERS_COUNTED = 5;
    private static final int PRODUCT_LOOKUPS = 10;

    private final TestDatabase database;

    ExampleShopWorkload(TestDatabase database) {
        this.database = database;
    }

    /**
     * The shop in production before a deploy, unwatched: schema V1 with rows, analysed, and pg_stat_statements in
     * this database for the collector's statement statistics.
     */
    void createShopAtV1() throws SQLException {
        ShopMigrations.SAFE.migrate(raw(), "1");
        try (Connection connection = database.open(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            ShopData.fill(connection, USERS, ORDERS);
            sql.execute("ANALYZE");
        }
    }

    /** The deploy: the unsafe migration set, which fails on a table with rows, then the application's start. */
    void deployUnsafeMigrationsAndStart() throws SQLException {
        try {
            ShopMigrations.UNSAFE.migrate(new QueryLensDataSource(raw()), "latest");
            throw new IllegalStateException("the unsafe V2 adds a NOT NULL column without default to a table with"
                    + " rows: PostgreSQL must refuse it");
        } catch (FlywayException refused) {
            // PostgreSQL rolled V2 back; the shop still runs on V1, as ShopProblemsAndFixesTest shows.
        }
        try (Connection connection = open()) {
            new OrderReports(connection).addLoyaltyColumnFromApplicationCode();
        }
    }

    /** One round of the shop's reports, each its own transaction: the unit of work the N+1 detector counts in. */
    void runReports() throws SQLException {
        try (Connection connection = open()) {
            OrderReports reports = new OrderReports(connection);
            connection.setAutoCommit(false);
            reports.openOrdersWithUsersNPlusOne(NPLUSONE_ORDERS);
            connection.commit();
            reports.openOrdersWithUsersJoined(NPLUSONE_ORDERS);
            connection.commit();
            for (int user = 1; user <= USERS_COUNTED; user++) {
                reports.countOpenOrdersOfUser(user);
                connection.commit();
            }
            reports.productNamesRepeated(7, PRODUCT_LOOKUPS);
            connection.commit();
        }
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    private PGSimpleDataSource raw() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(database.jdbcUrl());
        postgres.setUser(database.user());
        postgres.setPassword(database.password());
        return postgres;
    }
}
