package io.querylens.examples.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC shop code with, on purpose, the problems QueryLens finds, each next to its fixed variant.
 */
public final class OrderReports {
    private final Connection connection;

    public OrderReports(Connection connection) {
        this.connection = connection;
    }

    public record OrderLine(long orderId, String email, String total) {
    }

    /** PROBLEM (N+1): one query for the open orders, then one user lookup per order. */
    public List<OrderLine> openOrdersWithUsersNPlusOne(int limit) throws SQLException {
        List<OrderLine> lines = new ArrayList<>();
        try (PreparedStatement orders = connection.prepareStatement(
                "SELECT id, user_id, total FROM orders WHERE status = ? ORDER BY id LIMIT ?")) {
            orders.setString(1, "open");
            orders.setInt(2, limit);
            try (ResultSet rs = orders.executeQuery()) {
                while (rs.next()) {
                    lines.add(new OrderLine(rs.getLong(1), emailOf(rs.getLong(2)), rs.getString(3)));
                }
            }
        }
        return lines;
    }

    private String emailOf(long userId) throws SQLException {
        try (PreparedStatement user = connection.prepareStatement("SELECT email FROM users WHERE id = ?")) {
            user.setLong(1, userId);
            try (ResultSet rs = user.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** FIXED: the same report with one JOIN. */
    public List<OrderLine> openOrdersWithUsersJoined(int limit) throws SQLException {
        List<OrderLine> lines = new ArrayList<>();
        try (PreparedStatement joined = connection.prepareStatement(
                "SELECT o.id, u.email, o.total FROM orders o JOIN users u ON u.id = o.user_id "
                        + "WHERE o.status = ? ORDER BY o.id LIMIT ?")) {
            joined.setString(1, "open");
            joined.setInt(2, limit);
            try (ResultSet rs = joined.executeQuery()) {
                while (rs.next()) {
                    lines.add(new OrderLine(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return lines;
    }

    /**
     * PROBLEM (unindexed predicate): orders.user_id and status have no index, and orders is large (60,000 rows), so
     * every call reads the whole table. FIXED by an index, not by other code: the safe migration
     * {@code db/migration/V2__index_orders_by_user_concurrently.sql} creates {@code orders (user_id, status)}
     * CONCURRENTLY, the statement QueryLens suggests; after it this same query reads a few rows through the index.
     */
    public int countOpenOrdersOfUser(long userId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM orders WHERE user_id = ? AND status = ?")) {
            count.setLong(1, userId);
            count.setString(2, "open");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** PROBLEM (repeated query): the same product looked up again and again inside one unit of work. */
    public Map<Long, String> productNamesRepeated(long productId, int times) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        for (int i = 0; i < times; i++) {
            try (PreparedStatement product = connection.prepareStatement("SELECT name FROM products WHERE id = ?")) {
                product.setLong(1, productId);
                try (ResultSet rs = product.executeQuery()) {
                    if (rs.next()) {
                        names.put(productId, rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    /**
     * PROBLEM (DDL outside migrations): the application changes the schema itself, unreviewed, on every instance at
     * start. FIXED: the column comes from a migration instead, {@code db/migration/V3__loyalty_points_with_default.sql}
     * (and the unsafe way to write that migration, with its fix, is {@code db/migration-unsafe/V2} against
     * {@code db/migration/V2}-{@code V4}: see {@link ShopMigrations}).
     */
    public void addLoyaltyColumnFromApplicationCode() throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE users ADD COLUMN IF NOT EXISTS loyalty_points int");
        }
    }
}
