package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One owner by id: what a loop body (or a worker task per row) calls. */
public final class OwnerLookup {
    private OwnerLookup() {
    }

    public static String byId(Connection connection, long userId) throws SQLException {
        try (PreparedStatement owner = connection.prepareStatement("select name from users where id = ?")) {
            owner.setLong(1, userId);
            try (ResultSet rs = owner.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
