package io.querylens.driver.behaviour;

import static io.querylens.driver.behaviour.BehaviourCase.recreateTable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Failures the application must see exactly as the driver raised them: same class, SQLState, vendor code, message
 * and causes. QueryLens may not wrap, translate or swallow any of them.
 */
final class ErrorCases {
    private ErrorCases() {
    }

    static List<BehaviourCase> all() {
        return List.of(
                new BehaviourCase("syntax error", (connection, target, seen) -> {
                    try (Statement statement = connection.createStatement()) {
                        seen.attempt("statement", () -> statement.execute("SELEC 1"));
                    }
                    seen.attempt("prepared", () -> {
                        try (PreparedStatement prepared = connection.prepareStatement("SELECT FROM WHERE ?")) {
                            prepared.setInt(1, 1);
                            prepared.executeQuery();
                        }
                    });
                    recordConnectionStillUsable(connection, seen);
                }),
                new BehaviourCase("unique constraint violation", (connection, target, seen) -> {
                    recreateTable(connection, "unique_names", "name VARCHAR(20) PRIMARY KEY");
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("INSERT INTO unique_names VALUES ('ada')");
                        seen.attempt("statement", () -> statement.executeUpdate("INSERT INTO unique_names VALUES ('ada')"));
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unique_names VALUES (?)")) {
                        insert.setString(1, "ada");
                        seen.attempt("prepared", insert::executeUpdate);
                    }
                    recordConnectionStillUsable(connection, seen);
                }),
                new BehaviourCase("statement timeout", (connection, target, seen) -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.setQueryTimeout(1);
                        seen.value("query timeout", statement.getQueryTimeout());
                        String sleep = target.isPostgres() ? "SELECT pg_sleep(5)" : "SELECT SLEEP(5)";
                        seen.attempt("sleep past the timeout", () -> {
                            try (ResultSet rows = statement.executeQuery(sleep)) {
                                seen.rows("sleep", rows);
                            }
                        });
                    }
                    recordConnectionStillUsable(connection, seen);
                }),
                new BehaviourCase("closed result set, statement and connection", (connection, target, seen) -> {
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 1");
                    rows.close();
                    seen.value("result set closed", rows.isClosed());
                    seen.attempt("next on a closed result set", rows::next);
                    seen.attempt("getString on a closed result set", () -> rows.getString(1));
                    seen.attempt("closing it again", rows::close);
                    statement.close();
                    seen.value("statement closed", statement.isClosed());
                    seen.attempt("executeQuery on a closed statement", () -> statement.executeQuery("SELECT 1"));
                    seen.attempt("getResultSet on a closed statement", statement::getResultSet);
                    PreparedStatement prepared = connection.prepareStatement("SELECT ?");
                    prepared.close();
                    seen.attempt("setInt on a closed prepared statement", () -> prepared.setInt(1, 1));
                    seen.attempt("executeQuery on a closed prepared statement", prepared::executeQuery);
                    connection.close();
                    seen.value("connection closed", connection.isClosed());
                    seen.attempt("createStatement on a closed connection", connection::createStatement);
                    seen.attempt("prepareStatement on a closed connection",
                            () -> connection.prepareStatement("SELECT 1"));
                    seen.attempt("commit on a closed connection", connection::commit);
                    seen.attemptValue("isValid on a closed connection", () -> connection.isValid(1));
                    seen.attempt("closing it again", connection::close);
                }));
    }

    private static void recordConnectionStillUsable(java.sql.Connection connection, Observation seen)
            throws SQLException {
        seen.attemptValue("connection usable afterwards", () -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 1")) {
                return rows.next() && rows.getInt(1) == 1;
            }
        });
    }
}
