package io.querylens.examples.shop;

import io.querylens.QueryLens;
import io.querylens.QueryLensDataSource;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain JDBC shop's labelled problems each give their finding, and each fixed variant gives none: the N+1 loop
 * and its JOIN, the count on unindexed columns of a 20,000-row orders table and the safe migration's index, the
 * schema change from application code and the migration that makes it, the unsafe migration and the safe set.
 */
class ShopProblemsAndFixesTest {
    private static final int USERS = 200;
    private static final int ORDERS = 20_000;

    @BeforeEach
    void freshEngine() {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build());
    }

    @Test
    void nPlusOneLoopIsReportedAndTheJoinIsNot() throws Exception {
        DataSource watched = shopAtV1("shop_nplusone");
        try (Connection connection = watched.getConnection()) {
            OrderReports reports = new OrderReports(connection);
            connection.setAutoCommit(false);
            reports.openOrdersWithUsersNPlusOne(25);
            connection.commit();
            reports.openOrdersWithUsersJoined(25);
            connection.commit();
        }
        List<Finding> nPlusOne = findings(FindingKind.N_PLUS_ONE);
        assertThat(nPlusOne).singleElement().satisfies(finding -> {
            assertThat(finding.sql()).isEqualTo("select email from users where id = ?");
            assertThat(finding.callSite()).startsWith("io.querylens.examples.shop.OrderReports.emailOf(");
        });
    }

    @Test
    void unindexedCountIsReportedUntilTheSafeMigrationsIndexExists() throws Exception {
        DataSource watched = shopAtV1("shop_unindexed");
        String count = "select count (*) from orders where user_id = ? and status = ?";
        try (Connection connection = watched.getConnection()) {
            new OrderReports(connection).countOpenOrdersOfUser(1);
        }
        assertThat(QueryLens.awaitAnalysis(Duration.ofSeconds(60))).isTrue();
        assertThat(findings(FindingKind.UNINDEXED_PREDICATE)).singleElement().satisfies(finding -> {
            assertThat(finding.sql()).isEqualTo(count);
            assertThat(finding.suggestion()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY idx_orders_user_id_status ON orders (user_id, status);");
        });

        ShopMigrations.SAFE.migrate(watched, "2");
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build());
        try (Connection connection = watched.getConnection()) {
            new OrderReports(connection).countOpenOrdersOfUser(1);
        }
        assertThat(QueryLens.awaitAnalysis(Duration.ofSeconds(60))).isTrue();
        assertThat(findings(FindingKind.UNINDEXED_PREDICATE)).as("V2's index serves it").isEmpty();
    }

    @Test
    void schemaChangeFromApplicationCodeIsReportedAndTheMigrationIsNot() throws Exception {
        DataSource fromCode = shopAtV1("shop_ddl_code");
        try (Connection connection = fromCode.getConnection()) {
            new OrderReports(connection).addLoyaltyColumnFromApplicationCode();
        }
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).singleElement().satisfies(finding -> assertThat(
                finding.callSite()).startsWith(
                "io.querylens.examples.shop.OrderReports.addLoyaltyColumnFromApplicationCode("));

        freshEngine();
        ShopMigrations.SAFE.migrate(shopAtV1("shop_ddl_migration"), "latest");
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).as("V3 adds the column as a migration").isEmpty();
    }

    @Test
    void unsafeMigrationIsReportedAndTheSafeSetIsNot() throws Exception {
        // A shop in production: V1 with rows (on an empty database nothing is unsafe, and the linter knows it).
        DataSource unsafe = shopAtV1("shop_unsafe_set");
        assertThatThrownBy(() -> ShopMigrations.UNSAFE.migrate(unsafe, "latest")).isInstanceOf(FlywayException.class);
        assertThat(findings(FindingKind.UNSAFE_MIGRATION)).extracting(f -> f.details().get("rule"))
                .contains("create_index_not_concurrently", "rename_column", "add_column_not_null_without_default");

        freshEngine();
        ShopMigrations.SAFE.migrate(shopAtV1("shop_safe_set"), "latest");
        assertThat(findings(FindingKind.UNSAFE_MIGRATION)).isEmpty();
    }

    private static List<Finding> findings(FindingKind kind) {
        QueryLens.flush();
        return QueryLens.findings().stream().filter(f -> f.kind() == kind).toList();
    }

    /** The shop's schema (V1) with rows, filled and analysed without QueryLens watching, as before a deploy. */
    private static DataSource shopAtV1(String name) throws SQLException {
        TestDatabase database = TestDatabases.postgres().createDatabase(name);
        ShopMigrations.SAFE.migrate(raw(database), "1");
        try (Connection connection = database.open(); Statement sql = connection.createStatement()) {
            ShopData.fill(connection, USERS, ORDERS);
            sql.execute("ANALYZE");
        }
        return watched(database);
    }

    private static PGSimpleDataSource raw(TestDatabase database) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(database.jdbcUrl());
        postgres.setUser(database.user());
        postgres.setPassword(database.password());
        return postgres;
    }

    private static DataSource watched(TestDatabase database) {
        return new QueryLensDataSource(raw(database));
    }
}
