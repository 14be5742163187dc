package io.querylens.examples.shop;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * FIXED variant of {@link OrderReports#productNamesRepeated}: the names of all the products a unit of work needs in
 * one statement ({@code id = ANY(?)} with one array bind, so the shape is the same whatever the number of ids), each
 * read once.
 */
public final class ProductCatalog {
    private final Connection connection;

    public ProductCatalog(Connection connection) {
        this.connection = connection;
    }

    public Map<Long, String> namesOf(Collection<Long> productIds) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        if (productIds.isEmpty()) {
            return names;
        }
        Array ids = connection.createArrayOf("bigint", productIds.toArray());
        try (PreparedStatement products = connection.prepareStatement("SELECT id, name FROM products WHERE id = ANY(?)")) {
            products.setArray(1, ids);
            try (ResultSet rs = products.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
        } finally {
            ids.free();
        }
        return names;
    }
}
