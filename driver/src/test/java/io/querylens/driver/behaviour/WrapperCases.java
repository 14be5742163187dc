package io.querylens.driver.behaviour;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.List;

/**
 * What wrapping must not change: {@code unwrap} still reaches the driver's own classes, and navigating back
 * ({@code getConnection()}, {@code getStatement()}) returns the objects the application was given, never the
 * driver's objects behind them.
 */
final class WrapperCases {
    private WrapperCases() {
    }

    static List<BehaviourCase> all() {
        return List.of(
                new BehaviourCase("unwrap reaches the vendor classes", (connection, target, seen) -> {
                    Target.VendorClasses vendor = target.vendorClasses();
                    recordUnwrap(seen, "connection", connection, vendor.connection(), Connection.class);
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT 1")) {
                        recordUnwrap(seen, "statement", statement, vendor.statement(), Statement.class);
                        recordUnwrap(seen, "result set", rows, vendor.resultSet(), ResultSet.class);
                    }
                    try (PreparedStatement prepared = connection.prepareStatement("SELECT ?")) {
                        prepared.setInt(1, 1);
                        recordUnwrap(seen, "prepared statement", prepared, vendor.preparedStatement(),
                                PreparedStatement.class);
                        try (ResultSet rows = prepared.executeQuery()) {
                            recordUnwrap(seen, "prepared result set", rows, vendor.resultSet(), ResultSet.class);
                        }
                    }
                    seen.value("isWrapperFor(String)", connection.isWrapperFor(String.class));
                    seen.attempt("unwrap(String)", () -> connection.unwrap(String.class));
                }),
                new BehaviourCase("navigation returns the objects the application holds", (connection, target, seen) -> {
                    try (Statement statement = connection.createStatement()) {
                        seen.value("statement.getConnection() is the connection",
                                statement.getConnection() == connection);
                        ResultSet rows = statement.executeQuery("SELECT 1");
                        seen.value("rs.getStatement() is the statement", rows.getStatement() == statement);
                        seen.value("statement.getResultSet() is the result set", statement.getResultSet() == rows);
                        seen.value("getResultSet() twice is the same object",
                                statement.getResultSet() == statement.getResultSet());
                        rows.close();
                        seen.value("execute(select)", statement.execute("SELECT 2"));
                        ResultSet executed = statement.getResultSet();
                        seen.value("rs from execute: getStatement() is the statement",
                                executed.getStatement() == statement);
                        executed.close();
                    }
                    try (PreparedStatement prepared = connection.prepareStatement("SELECT ?")) {
                        prepared.setInt(1, 3);
                        seen.value("prepared.getConnection() is the connection",
                                prepared.getConnection() == connection);
                        try (ResultSet rows = prepared.executeQuery()) {
                            seen.value("prepared rs.getStatement() is the prepared statement",
                                    rows.getStatement() == prepared);
                        }
                    }
                    if (!target.isPostgres()) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("DROP PROCEDURE IF EXISTS lens_noop");
                            statement.execute("CREATE PROCEDURE lens_noop() BEGIN END");
                        }
                    }
                    try (CallableStatement call = connection.prepareCall(
                            target.isPostgres() ? "{call abs(?)}" : "{call lens_noop()}")) {
                        seen.value("callable.getConnection() is the connection", call.getConnection() == connection);
                    }
                    seen.value("metadata.getConnection() is the connection",
                            connection.getMetaData().getConnection() == connection);
                }),
                new BehaviourCase("unwrap to the JDBC interface itself", (connection, target, seen) -> {
                    // JDBC lets unwrap return "the receiver or a proxy for the receiver"; drivers return the receiver.
                    seen.value("connection.unwrap(Connection) is itself",
                            connection.unwrap(Connection.class) == connection);
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT 1")) {
                        seen.value("statement.unwrap(Statement) is itself",
                                statement.unwrap(Statement.class) == statement);
                        seen.value("result set.unwrap(ResultSet) is itself", rows.unwrap(ResultSet.class) == rows);
                    }
                    try (PreparedStatement prepared = connection.prepareStatement("SELECT 1")) {
                        seen.value("prepared.unwrap(PreparedStatement) is itself",
                                prepared.unwrap(PreparedStatement.class) == prepared);
                    }
                }),
                new BehaviourCase("getMetaData returns one object per connection", (connection, target, seen) ->
                        seen.value("getMetaData() twice is the same object",
                                connection.getMetaData() == connection.getMetaData())),
                new BehaviourCase("metadata result sets lead back to the application's connection",
                        (connection, target, seen) -> {
                            try (ResultSet tables = connection.getMetaData().getTables(
                                    connection.getCatalog(), connection.getSchema(), "%", null)) {
                                Statement statement = tables.getStatement();
                                seen.value("metadata result set's getStatement() is null", statement == null);
                                if (statement != null) {
                                    seen.value("its getConnection() is the connection",
                                            statement.getConnection() == connection);
                                }
                            }
                        }));
    }

    private static void recordUnwrap(Observation seen, String what, Wrapper wrapper, String vendorClassName,
            Class<?> jdbcInterface) throws Exception {
        Class<?> vendorClass = Class.forName(vendorClassName);
        boolean wraps = wrapper.isWrapperFor(vendorClass);
        seen.expect(what + ".isWrapperFor(" + vendorClass.getSimpleName() + ")", wraps);
        Object unwrapped = null;
        try {
            unwrapped = wrapper.unwrap(vendorClass);
        } catch (SQLException e) {
            seen.failure(what + ".unwrap(" + vendorClass.getSimpleName() + ")", e);
        }
        seen.expect(what + ".unwrap(" + vendorClass.getSimpleName() + ") is a vendor object",
                vendorClass.isInstance(unwrapped));
        seen.value(what + ".isWrapperFor(" + jdbcInterface.getSimpleName() + ")",
                wrapper.isWrapperFor(jdbcInterface));
    }
}
