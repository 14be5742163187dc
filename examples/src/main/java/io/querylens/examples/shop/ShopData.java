package io.querylens.examples.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows for a shop whose schema came from {@link ShopMigrations} (V1): the same users, products and orders
 * {@link ShopSchema} makes for the demo, so a later migration meets a table that already has data, as in production.
 */
public final class ShopData {
    private ShopData() {
    }

    public static void fill(Connection connection, int users, int orders) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO users SELECT g, g % 50, CASE WHEN g % 7 = 0 THEN 'inactive' ELSE 'active' END, "
                    + "'user' || g || '@example.com' FROM generate_series(1, " + users + ") g");
            sql.execute("INSERT INTO products SELECT g, 'product ' || g, (g % 100) + 0.99 FROM generate_series(1, 500) g");
            sql.execute("INSERT INTO orders SELECT g, 1 + (g % " + users + "), 1 + (g % 500), "
                    + "CASE WHEN g % 10 = 0 THEN 'open' ELSE 'shipped' END, (g % 300) + 0.5, "
                    + "timestamp '2026-01-01' + (g || ' minutes')::interval FROM generate_series(1, " + orders + ") g");
        }
    }
}
