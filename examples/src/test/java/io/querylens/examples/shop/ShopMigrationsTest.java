package io.querylens.examples.shop;

import io.querylens.QueryLensDataSource;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both migration sets, applied through QueryLens to a shop that already has rows, as a deploy would meet it. */
class ShopMigrationsTest {
    private static final int USERS = 200;
    private static final int ORDERS = 2_000;

    @Test
    void safeMigrationsApplyToAShopThatAlreadyHasRows() throws SQLException {
        TestDatabase shop = TestDatabases.postgres().createDatabase("shop_safe_migrations");
        DataSource watched = watched(shop);
        populatedAtV1(ShopMigrations.SAFE, watched);

        assertThat(ShopMigrations.SAFE.migrate(watched, "latest").migrationsExecuted).isEqualTo(3);

        try (Connection connection = watched.getConnection(); Statement sql = connection.createStatement()) {
            assertThat(single(sql, "SELECT count(*) FROM users WHERE loyalty_points = 0")).isEqualTo(USERS);
            assertThat(single(sql, "SELECT count(*) FROM users WHERE contact_email = email")).isEqualTo(USERS);
            assertThat(single(sql, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "WHERE c.relname = 'orders_user_id_status_idx' AND i.indisvalid")).isEqualTo(1);
        }
    }

    @Test
    void unsafeMigrationFailsOnAShopThatAlreadyHasRows() throws SQLException {
        TestDatabase shop = TestDatabases.postgres().createDatabase("shop_unsafe_migrations");
        DataSource watched = watched(shop);
        populatedAtV1(ShopMigrations.UNSAFE, watched);

        assertThatThrownBy(() -> ShopMigrations.UNSAFE.migrate(watched, "latest"))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("loyalty_points").hasMessageContaining("contains null values");
    }

    @Test
    void productCatalogReadsAllNamesInOneStatement() throws SQLException {
        TestDatabase shop = TestDatabases.postgres().createDatabase("shop_catalog");
        DataSource watched = watched(shop);
        populatedAtV1(ShopMigrations.SAFE, watched);

        try (Connection connection = watched.getConnection()) {
            Map<Long, String> names = new ProductCatalog(connection).namesOf(List.of(3L, 7L, 499L, 9_999L));

            assertThat(names).containsOnly(Map.entry(3L, "product 3"), Map.entry(7L, "product 7"),
                    Map.entry(499L, "product 499"));
        }
    }

    private static void populatedAtV1(ShopMigrations migrations, DataSource dataSource) throws SQLException {
        migrations.migrate(dataSource, "1");
        try (Connection connection = dataSource.getConnection()) {
            ShopData.fill(connection, USERS, ORDERS);
        }
    }

    private static DataSource watched(TestDatabase database) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(database.jdbcUrl());
        postgres.setUser(database.user());
        postgres.setPassword(database.password());
        return new QueryLensDataSource(postgres);
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
