package com.example.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Application code that changes the schema itself, outside any migration: what the DDL guard exists to catch. It
 * lives outside {@code io.querylens} so that it is the call site QueryLens reports.
 */
public final class SchemaTweaks {
    private SchemaTweaks() {
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
