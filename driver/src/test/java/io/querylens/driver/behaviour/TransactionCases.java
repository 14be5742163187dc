package io.querylens.driver.behaviour;

import static io.querylens.driver.behaviour.BehaviourCase.recreateTable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executor;

/** Transactions and connection lifecycle: commit, rollback, savepoints, abort, network timeout. */
final class TransactionCases {
    /** Runs the abort's and the network timeout's work on the calling thread, so results are deterministic. */
    private static final Executor CALLING_THREAD = Runnable::run;

    private TransactionCases() {
    }

    static List<BehaviourCase> all() {
        return List.of(
                new BehaviourCase("commit and rollback", (connection, target, seen) -> {
                    recreateTable(connection, "ledger", "id INT PRIMARY KEY");
                    seen.value("autocommit at start", connection.getAutoCommit());
                    connection.setAutoCommit(false);
                    seen.value("autocommit", connection.getAutoCommit());
                    insert(connection, 1);
                    connection.rollback();
                    seen.value("rows after rollback", count(connection));
                    insert(connection, 2);
                    connection.commit();
                    seen.value("rows after commit", count(connection));
                    connection.setAutoCommit(true);
                    seen.value("isolation", connection.getTransactionIsolation());
                    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    seen.value("isolation after setting serializable", connection.getTransactionIsolation());
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    seen.value("read only", connection.isReadOnly());
                    // Last: MySQL Connector/J reports this with SQLState 08003, after which HikariCP evicts the
                    // connection and every later call says "Connection is closed".
                    seen.attempt("commit in autocommit mode", connection::commit);
                    seen.attempt("rollback in autocommit mode", connection::rollback);
                }),
                new BehaviourCase("savepoints", (connection, target, seen) -> {
                    recreateTable(connection, "ledger", "id INT PRIMARY KEY");
                    seen.attempt("savepoint in autocommit mode", connection::setSavepoint);
                    connection.setAutoCommit(false);
                    insert(connection, 1);
                    Savepoint named = connection.setSavepoint("after_one");
                    seen.value("named savepoint name", named.getSavepointName());
                    seen.attempt("id of a named savepoint", named::getSavepointId);
                    insert(connection, 2);
                    Savepoint unnamed = connection.setSavepoint();
                    seen.attempt("name of an unnamed savepoint", unnamed::getSavepointName);
                    insert(connection, 3);
                    connection.rollback(unnamed);
                    seen.value("rows after rolling back to the unnamed savepoint", count(connection));
                    connection.rollback(named);
                    seen.value("rows after rolling back to the named savepoint", count(connection));
                    connection.releaseSavepoint(named);
                    seen.attempt("rollback to a released savepoint", () -> connection.rollback(named));
                    connection.rollback();
                    connection.commit();
                    connection.setAutoCommit(true);
                    seen.value("rows at the end", count(connection));
                }),
                new BehaviourCase("abort", (connection, target, seen) -> {
                    seen.attempt("abort with a null executor", () -> connection.abort(null));
                    seen.value("closed before abort", connection.isClosed());
                    connection.abort(CALLING_THREAD);
                    seen.value("closed after abort", connection.isClosed());
                    seen.attempt("createStatement after abort", connection::createStatement);
                    seen.attempt("abort again", () -> connection.abort(CALLING_THREAD));
                }),
                new BehaviourCase("network timeout", (connection, target, seen) -> {
                    seen.value("initial network timeout", connection.getNetworkTimeout());
                    seen.attempt("negative timeout", () -> connection.setNetworkTimeout(CALLING_THREAD, -1));
                    connection.setNetworkTimeout(CALLING_THREAD, 7_000);
                    seen.value("network timeout after setting 7000 ms", connection.getNetworkTimeout());
                    seen.value("still answers", count(connection, "SELECT 1"));
                    connection.setNetworkTimeout(CALLING_THREAD, 0);
                    seen.value("network timeout after resetting", connection.getNetworkTimeout());
                }),
                new BehaviourCase("network timeout that fires", (connection, target, seen) -> {
                    connection.setNetworkTimeout(CALLING_THREAD, 300);
                    String sleep = target.isPostgres() ? "SELECT pg_sleep(3)" : "SELECT SLEEP(3)";
                    seen.attempt("read past the network timeout", () -> count(connection, sleep));
                    seen.value("closed after the timeout", connection.isClosed());
                    seen.attemptValue("isValid after the timeout", () -> connection.isValid(1));
                }));
    }

    private static void insert(Connection connection, int id) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO ledger VALUES (" + id + ")");
        }
    }

    private static int count(Connection connection) throws Exception {
        return count(connection, "SELECT COUNT(*) FROM ledger");
    }

    private static int count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
