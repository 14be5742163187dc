package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * "Application" code for the N+1 tests, outside io.querylens so that call sites point here. Each method is one way
 * of reading or writing the shop; the N+1 ones are written the way they appear in real code.
 */
public final class OrderReports {
    private final Connection connection;

    public OrderReports(Connection connection) {
        this.connection = connection;
    }

    /** The classic N+1: the orders, then one owner lookup per order. */
    public List<String> ownerNamesOneByOne(int orders) throws SQLException {
        List<Long> userIds = userIdsOfFirstOrders(orders);
        List<String> names = new ArrayList<>();
        try (PreparedStatement owner = connection.prepareStatement("select name from users where id = ?")) {
            for (long userId : userIds) {
                owner.setLong(1, userId);
                try (ResultSet rs = owner.executeQuery()) {
                    rs.next();
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The same N+1 as {@link #ownerNamesOneByOne}, written a second time elsewhere (another call site). */
    public List<String> ownerNamesForInvoices(int orders) throws SQLException {
        List<Long> userIds = userIdsOfFirstOrders(orders);
        List<String> names = new ArrayList<>();
        try (PreparedStatement owner = connection.prepareStatement("select name from users where id = ?")) {
            for (long userId : userIds) {
                owner.setLong(1, userId);
                try (ResultSet rs = owner.executeQuery()) {
                    rs.next();
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * The N+1 of {@link #ownerNamesOneByOne} in a long loop: after the orders (the "1"), owner lookups of ids 1 to
     * {@code lookups}, most without a user.
     */
    public int ownerLookups(int lookups) throws SQLException {
        userIdsOfFirstOrders(ShopDatabase.ORDERS);
        try (PreparedStatement owner = connection.prepareStatement("select name from users where id = ?")) {
            int found = 0;
            for (int i = 0; i < lookups; i++) {
                owner.setLong(1, 1 + i);
                try (ResultSet rs = owner.executeQuery()) {
                    found += rs.next() ? 1 : 0;
                }
            }
            return found;
        }
    }

    /** The same long loop written a second time elsewhere (another call site). */
    public int ownerLookupsForInvoices(int lookups) throws SQLException {
        userIdsOfFirstOrders(ShopDatabase.ORDERS);
        try (PreparedStatement owner = connection.prepareStatement("select name from users where id = ?")) {
            int found = 0;
            for (int i = 0; i < lookups; i++) {
                owner.setLong(1, 1 + i);
                try (ResultSet rs = owner.executeQuery()) {
                    found += rs.next() ? 1 : 0;
                }
            }
            return found;
        }
    }

    public List<Long> userIdsOfFirstOrders(int orders) throws SQLException {
        List<Long> userIds = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement(
                "select id, user_id from orders where id <= ? order by id")) {
            list.setLong(1, orders);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    userIds.add(rs.getLong(2));
                }
            }
        }
        return userIds;
    }

    public List<String> ownerNamesByJoin() throws SQLException {
        return names("select u.name from orders o join users u on u.id = o.user_id order by o.id");
    }

    public List<String> ownerNamesWithInList(int orders) throws SQLException {
        List<Long> userIds = userIdsOfFirstOrders(orders);
        StringBuilder in = new StringBuilder("select name from users where id in (");
        for (int i = 0; i < userIds.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        List<String> names = new ArrayList<>();
        try (PreparedStatement owners = connection.prepareStatement(in.append(")").toString())) {
            for (int i = 0; i < userIds.size(); i++) {
                owners.setLong(i + 1, userIds.get(i));
            }
            try (ResultSet rs = owners.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The same lookup with the same key, again and again: a caching opportunity, not an N+1. */
    public void sameOwnerAgainAndAgain(int times) throws SQLException {
        userIdsOfFirstOrders(1);
        try (PreparedStatement owner = connection.prepareStatement("select name from users where id = ?")) {
            for (int i = 0; i < times; i++) {
                owner.setLong(1, 1);
                try (ResultSet rs = owner.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    public void pageThroughOrdersByOffset(int pageSize) throws SQLException {
        userIdsOfFirstOrders(1);
        try (PreparedStatement page = connection.prepareStatement(
                "select id, total from orders order by id limit ? offset ?")) {
            for (int offset = 0; offset < ShopDatabase.ORDERS; offset += pageSize) {
                page.setInt(1, pageSize);
                page.setInt(2, offset);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
            }
        }
    }

    public void pageThroughOrdersByKey(int pageSize) throws SQLException {
        userIdsOfFirstOrders(1);
        try (PreparedStatement page = connection.prepareStatement(
                "select id, total from orders where id > ? order by id limit ?")) {
            long last = 0;
            boolean more = true;
            while (more) {
                page.setLong(1, last);
                page.setInt(2, pageSize);
                more = false;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        more = true;
                    }
                }
            }
        }
    }

    public void addLinesInBatch(long firstId, int lines) throws SQLException {
        userIdsOfFirstOrders(1);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into order_lines (id, order_id, product) values (?, ?, ?)")) {
            for (int i = 0; i < lines; i++) {
                insert.setLong(1, firstId + i);
                insert.setLong(2, 1 + (i % ShopDatabase.ORDERS));
                insert.setString(3, "batch");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public void addLinesOneByOne(long firstId, int lines) throws SQLException {
        userIdsOfFirstOrders(1);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into order_lines (id, order_id, product) values (?, ?, ?)")) {
            for (int i = 0; i < lines; i++) {
                insert.setLong(1, firstId + i);
                insert.setLong(2, 1 + (i % ShopDatabase.ORDERS));
                insert.setString(3, "single");
                insert.executeUpdate();
            }
        }
    }

    public void addLinesInOneStatement(long firstId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into order_lines (id, order_id, product) values (?, 1, 'm'), (?, 2, 'm'), (?, 3, 'm')")) {
            insert.setLong(1, firstId);
            insert.setLong(2, firstId + 1);
            insert.setLong(3, firstId + 2);
            insert.executeUpdate();
        }
    }

    public void renameUsersOneByOne(int users) throws SQLException {
        userIdsOfFirstOrders(1);
        try (PreparedStatement update = connection.prepareStatement("update users set name = ? where id = ?")) {
            for (int i = 1; i <= users; i++) {
                update.setString(1, "renamed " + i);
                update.setLong(2, i);
                update.executeUpdate();
            }
        }
    }

    private List<String> names(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
