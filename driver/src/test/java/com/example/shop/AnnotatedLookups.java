package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Owner lookups per order whose SQL text the caller chooses, so that tests can run the same query shape with and
 * without a {@code querylens:allow} comment from application code.
 */
public final class AnnotatedLookups {
    private final Connection connection;

    public AnnotatedLookups(Connection connection) {
        this.connection = connection;
    }

    /** The orders, then {@code lookupSql} (one {@code ?}, a user id) once per order. */
    public List<String> ownerPerOrder(int orders, String lookupSql) throws SQLException {
        List<Long> userIds = new OrderReports(connection).userIdsOfFirstOrders(orders);
        List<String> names = new ArrayList<>();
        try (PreparedStatement owner = connection.prepareStatement(lookupSql)) {
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

    /** Runs {@code sql} once as a plain statement. */
    public void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
