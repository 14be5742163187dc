package io.querylens.driver.behaviour;

import static io.querylens.driver.behaviour.BehaviourCase.identityColumn;
import static io.querylens.driver.behaviour.BehaviourCase.recreateTable;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** Reading and writing rows: values and their types, update counts, generated keys, several results, warnings. */
final class QueryCases {
    private QueryCases() {
    }

    static List<BehaviourCase> all() {
        return List.of(
                new BehaviourCase("rows and column types of a plain query", (connection, target, seen) -> {
                    recreateTable(connection, "typed_values", target.isPostgres()
                            ? "id INT PRIMARY KEY, big BIGINT, name VARCHAR(20), amount NUMERIC(10,2), flag BOOLEAN,"
                                    + " day DATE, moment TIMESTAMP, note TEXT"
                            : "id INT PRIMARY KEY, big BIGINT, name VARCHAR(20), amount DECIMAL(10,2), flag BOOLEAN,"
                                    + " day DATE, moment DATETIME, note TEXT");
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("INSERT INTO typed_values VALUES"
                                + " (1, 9000000000, 'ada', 12.50, TRUE, '2024-02-29', '2024-02-29 13:14:15', 'x'),"
                                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
                        try (ResultSet rows = statement.executeQuery("SELECT * FROM typed_values ORDER BY id")) {
                            seen.rows("select", rows);
                        }
                    }
                }),
                new BehaviourCase("prepared statement with parameters", (connection, target, seen) -> {
                    recreateTable(connection, "people", "id INT PRIMARY KEY, name VARCHAR(20)");
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO people VALUES (?, ?)")) {
                        for (int id = 1; id <= 3; id++) {
                            insert.setInt(1, id);
                            insert.setString(2, "person " + id);
                            seen.value("insert " + id, insert.executeUpdate());
                        }
                    }
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT id, name FROM people WHERE id >= ? ORDER BY id")) {
                        seen.attempt("metadata before execution", () -> seen.metadata("before", select.getMetaData()));
                        select.setInt(1, 2);
                        try (ResultSet rows = select.executeQuery()) {
                            seen.rows("select", rows);
                        }
                        seen.value("parameter count", select.getParameterMetaData().getParameterCount());
                    }
                }),
                new BehaviourCase("update counts of execute, executeUpdate and executeLargeUpdate",
                        (connection, target, seen) -> {
                            recreateTable(connection, "counted", "id INT PRIMARY KEY, n INT");
                            try (Statement statement = connection.createStatement()) {
                                seen.value("insert", statement.executeUpdate(
                                        "INSERT INTO counted VALUES (1, 0), (2, 0), (3, 0)"));
                                seen.value("execute update returns result set",
                                        statement.execute("UPDATE counted SET n = n + 1 WHERE id < 3"));
                                seen.value("update count", statement.getUpdateCount());
                                seen.value("result set after update", statement.getResultSet());
                                seen.value("more results", statement.getMoreResults());
                                seen.value("update count after the last result", statement.getUpdateCount());
                                seen.attemptValue("large update",
                                        () -> statement.executeLargeUpdate("DELETE FROM counted WHERE id = 3"));
                                seen.value("execute select returns result set",
                                        statement.execute("SELECT COUNT(*) FROM counted"));
                                seen.value("update count of a select", statement.getUpdateCount());
                                seen.rows("count", statement.getResultSet());
                            }
                        }),
                new BehaviourCase("generated keys", (connection, target, seen) -> {
                    recreateTable(connection, "keyed", identityColumn(target) + ", name VARCHAR(20)");
                    try (Statement statement = connection.createStatement()) {
                        seen.value("insert", statement.executeUpdate("INSERT INTO keyed (name) VALUES ('a')",
                                Statement.RETURN_GENERATED_KEYS));
                        seen.rows("statement keys", statement.getGeneratedKeys());
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO keyed (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                        insert.setString(1, "b");
                        seen.value("prepared insert", insert.executeUpdate());
                        seen.rows("prepared keys", insert.getGeneratedKeys());
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO keyed (name) VALUES (?)", new String[] {"id"})) {
                        insert.setString(1, "c");
                        seen.value("insert with key column names", insert.executeUpdate());
                        seen.rows("named keys", insert.getGeneratedKeys());
                    }
                    try (Statement statement = connection.createStatement()) {
                        seen.value("insert without asking for keys",
                                statement.executeUpdate("INSERT INTO keyed (name) VALUES ('d')"));
                        seen.attempt("keys not asked for",
                                () -> seen.rows("unrequested keys", statement.getGeneratedKeys()));
                    }
                }),
                new BehaviourCase("several result sets from one execution", (connection, target, seen) -> {
                    if (target.isPostgres()) {
                        try (Statement statement = connection.createStatement()) {
                            recordAllResults(seen, statement,
                                    statement.execute("SELECT 1 AS first; SELECT 'two' AS second, 2.5 AS third"));
                        }
                    } else {
                        // MySQL-family servers return several results from a procedure without allowMultiQueries.
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("DROP PROCEDURE IF EXISTS two_results");
                            statement.execute("CREATE PROCEDURE two_results() BEGIN SELECT 1 AS first;"
                                    + " SELECT 'two' AS second, 2.5 AS third; END");
                        }
                        try (CallableStatement call = connection.prepareCall("{call two_results()}")) {
                            recordAllResults(seen, call, call.execute());
                        }
                    }
                }),
                new BehaviourCase("warnings", (connection, target, seen) -> {
                    try (Statement statement = connection.createStatement()) {
                        if (target.isPostgres()) {
                            statement.execute("DO $$ BEGIN RAISE WARNING 'lens probe warning'; END $$");
                        } else {
                            statement.executeQuery("SELECT CAST('12abc' AS SIGNED)").close();
                        }
                        seen.warnings("statement warnings", statement.getWarnings());
                        statement.clearWarnings();
                        seen.warnings("after clearWarnings", statement.getWarnings());
                    }
                    seen.warnings("connection warnings", connection.getWarnings());
                }));
    }

    private static void recordAllResults(Observation seen, Statement statement, boolean firstIsResultSet)
            throws Exception {
        boolean isResultSet = firstIsResultSet;
        for (int result = 0; result < 10; result++) {
            if (isResultSet) {
                try (ResultSet rows = statement.getResultSet()) {
                    seen.rows("result " + result, rows);
                }
            } else {
                int updateCount = statement.getUpdateCount();
                seen.value("result " + result + " update count", updateCount);
                if (updateCount == -1) {
                    return;
                }
            }
            isResultSet = statement.getMoreResults();
        }
    }
}
