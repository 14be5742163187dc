package io.querylens.examples.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo shop's tables and data: users in organisations, their orders, and products. Created through a plain
 * connection (the way a migration tool would run before the application starts), so it is not part of what the
 * demo shows.
 */
public final class ShopSchema {
    public static final int USERS = 2_000;
    public static final int ORDERS = 60_000;

    private ShopSchema() {
    }

    public static void create(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS orders");
            sql.execute("DROP TABLE IF EXISTS users");
            sql.execute("DROP TABLE IF EXISTS products");
            sql.execute("CREATE TABLE users (id bigint PRIMARY KEY, organization_id int NOT NULL, "
                    + "status text NOT NULL, email text NOT NULL)");
            sql.execute("CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2))");
            sql.execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id), "
                    + "product_id bigint NOT NULL, status text NOT NULL, total numeric(10,2) NOT NULL, "
                    + "created_at timestamp NOT NULL)");
            sql.execute("INSERT INTO users SELECT g, g % 50, CASE WHEN g % 7 = 0 THEN 'inactive' ELSE 'active' END, "
                    + "'user' || g || '@example.com' FROM generate_series(1, " + USERS + ") g");
            sql.execute("INSERT INTO products SELECT g, 'product ' || g, (g % 100) + 0.99 FROM generate_series(1, 500) g");
            sql.execute("INSERT INTO orders SELECT g, 1 + (g % " + USERS + "), 1 + (g % 500), "
                    + "CASE WHEN g % 10 = 0 THEN 'open' ELSE 'shipped' END, (g % 300) + 0.5, "
                    + "timestamp '2026-01-01' + (g || ' minutes')::interval FROM generate_series(1, " + ORDERS + ") g");
            sql.execute("ANALYZE users");
            sql.execute("ANALYZE orders");
            sql.execute("ANALYZE products");
        }
    }
}
