package com.example.dashboards;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A migration step the workload's QueryLens configuration names as an allowed DDL caller
 * ({@code querylens.ddl.allowedCallers}), so its DDL is linted as a migration: a plain {@code CREATE INDEX} locks
 * the table against writes and is reported as an unsafe migration.
 */
final class ShopMigration {
    private ShopMigration() {
    }

    static void addNameIndex(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists dash_users_name_idx on dash_users (name)");
        }
    }
}
