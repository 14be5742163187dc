package com.example.dashboards;

import io.querylens.QueryLens;
import io.querylens.testkit.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * "Application" code that gives every dashboard panel something to show, through {@code jdbc:querylens:}: an N+1
 * page, a filter on an unindexed column, DDL typed outside a migration, an unsafe migration step, failing inserts
 * and steady lookups. Outside io.querylens so that call sites point here (QueryLens skips its own frames).
 */
public final class ShopWorkload {
    private final TestDatabase database;

    public ShopWorkload(TestDatabase database) {
        this.database = database;
    }

    /** Plain JDBC, not watched: the tables, and one index nothing ever scans (for the unused-indexes panel). */
    public void createTables() throws SQLException {
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists dash_orders");
            statement.execute("drop table if exists dash_users");
            statement.execute("create table dash_users (id int primary key, name text)");
            statement.execute("create table dash_orders (id int primary key, user_id int, status text, note text)");
            statement.execute("create index dash_orders_note_idx on dash_orders (note)");
            statement.execute("insert into dash_users select g, 'user ' || g from generate_series(1, 200) g");
            statement.execute("insert into dash_orders select g, 1 + g % 200, case when g % 7 = 0 then 'open'"
                    + " else 'shipped' end, 'note ' || g from generate_series(1, 2000) g");
            statement.execute("analyze dash_users");
            statement.execute("analyze dash_orders");
        }
    }

    /** Everything that becomes a finding, once. */
    public void runProblems() throws SQLException {
        try (Connection connection = open()) {
            try (var unit = QueryLens.unitOfWork("orders-page")) {
                ownerNamesOneByOne(connection, 12);
            }
            openOrders(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table dash_users add column if not exists nickname text");
            }
            ShopMigration.addNameIndex(connection);
        }
    }

    /** One round of ordinary traffic, a few failures among it. */
    public void runSteadyTraffic() throws SQLException {
        try (Connection connection = open();
             PreparedStatement lookup = connection.prepareStatement("select name from dash_users where id = ?");
             PreparedStatement duplicate = connection.prepareStatement(
                     "insert into dash_users (id, name) values (?, ?)")) {
            for (int i = 1; i <= 50; i++) {
                lookup.setInt(1, i);
                try (ResultSet rows = lookup.executeQuery()) {
                    rows.next();
                }
            }
            duplicate.setInt(1, 1);
            duplicate.setString(2, "already there");
            try {
                duplicate.executeUpdate();
            } catch (SQLException expected) {
                // a duplicate key: the error panels count it
            }
            openOrders(connection);
        }
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    private static List<String> ownerNamesOneByOne(Connection connection, int orders) throws SQLException {
        List<Integer> userIds = new ArrayList<>();
        try (PreparedStatement first = connection.prepareStatement(
                "select id, user_id from dash_orders where id <= ? order by id")) {
            first.setInt(1, orders);
            try (ResultSet rows = first.executeQuery()) {
                while (rows.next()) {
                    userIds.add(rows.getInt(2));
                }
            }
        }
        List<String> names = new ArrayList<>();
        try (PreparedStatement owner = connection.prepareStatement("select name from dash_users where id = ?")) {
            for (int userId : userIds) {
                owner.setInt(1, userId);
                try (ResultSet rows = owner.executeQuery()) {
                    rows.next();
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static long openOrders(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from dash_orders where status = ?")) {
            count.setString(1, "open");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
