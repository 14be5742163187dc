package com.example.shop;

import io.querylens.testkit.DatabaseKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A tiny shop (users, orders, order lines) for the N+1 tests: one owner per order, every owner different. */
public final class ShopDatabase {
    public static final int ORDERS = 20;

    private ShopDatabase() {
    }

    /** A fresh PostgreSQL schema named {@code name}, the connection's default, with the shop in it. */
    public static TestDatabase freshOnPostgres(String name) throws SQLException {
        TestDatabase shop = TestDatabases.postgres().freshSchema(name);
        create(shop);
        return shop;
    }

    /** The shop in a fresh PostgreSQL schema and a fresh MariaDB database, both named {@code name}, in that order. */
    public static List<TestDatabase> freshOnBothServers(String name) throws SQLException {
        TestDatabase postgres = freshOnPostgres(name);
        TestDatabase mariadb = TestDatabases.mariadb().createDatabase(name);
        create(mariadb);
        return List.of(postgres, mariadb);
    }

    /** Creates and fills the shop's tables through a raw connection (nothing here is counted by QueryLens). */
    public static void create(TestDatabase database) throws SQLException {
        boolean postgres = database.kind() == DatabaseKind.POSTGRESQL;
        try (Connection connection = database.open(); Statement sql = connection.createStatement()) {
            sql.execute("drop table if exists order_lines");
            sql.execute("drop table if exists orders");
            sql.execute("drop table if exists users");
            sql.execute("create table users (id bigint primary key, name varchar(50) not null)");
            sql.execute("create table orders (id bigint primary key, user_id bigint not null references users(id),"
                    + " total " + (postgres ? "numeric(10,2)" : "decimal(10,2)") + " not null)");
            sql.execute("create table order_lines (id bigint primary key, order_id bigint not null references"
                    + " orders(id), product varchar(50) not null)");
            for (int i = 1; i <= ORDERS; i++) {
                sql.execute("insert into users (id, name) values (" + i + ", 'user " + i + "')");
                sql.execute("insert into orders (id, user_id, total) values (" + i + ", " + i + ", " + (i * 10) + ")");
                sql.execute("insert into order_lines (id, order_id, product) values (" + i + ", " + i + ", 'p')");
                sql.execute("insert into order_lines (id, order_id, product) values (" + (100 + i) + ", " + i
                        + ", 'q')");
            }
        }
    }
}
