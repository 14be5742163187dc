package io.querylens.driver.behaviour;

import static io.querylens.driver.behaviour.BehaviourCase.recreateTable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** Batches: per-statement counts, and what a failing batch reports and leaves behind. */
final class BatchCases {
    private BatchCases() {
    }

    static List<BehaviourCase> all() {
        return List.of(
                new BehaviourCase("statement batch", (connection, target, seen) -> {
                    recreateTable(connection, "batched", "id INT PRIMARY KEY, n INT");
                    try (Statement statement = connection.createStatement()) {
                        statement.addBatch("INSERT INTO batched VALUES (1, 0)");
                        statement.addBatch("INSERT INTO batched VALUES (2, 0)");
                        statement.addBatch("UPDATE batched SET n = 5");
                        seen.value("counts", statement.executeBatch());
                        seen.value("counts after the batch ran", statement.executeBatch());
                        statement.addBatch("DELETE FROM batched WHERE id = 1");
                        statement.clearBatch();
                        seen.value("counts after clearBatch", statement.executeBatch());
                    }
                    recordTable(connection, seen);
                }),
                new BehaviourCase("prepared statement batch", (connection, target, seen) -> {
                    recreateTable(connection, "batched", "id INT PRIMARY KEY, n INT");
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batched VALUES (?, ?)")) {
                        for (int id = 1; id <= 4; id++) {
                            insert.setInt(1, id);
                            insert.setInt(2, id * 10);
                            insert.addBatch();
                        }
                        seen.value("counts", insert.executeBatch());
                        seen.attemptValue("large counts", insert::executeLargeBatch);
                    }
                    recordTable(connection, seen);
                }),
                new BehaviourCase("batch failing on a duplicate key", (connection, target, seen) -> {
                    recreateTable(connection, "batched", "id INT PRIMARY KEY, n INT");
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batched VALUES (?, ?)")) {
                        for (int id : new int[] {1, 2, 2, 3}) {
                            insert.setInt(1, id);
                            insert.setInt(2, 0);
                            insert.addBatch();
                        }
                        seen.attempt("prepared batch", insert::executeBatch);
                    }
                    try (Statement statement = connection.createStatement()) {
                        statement.addBatch("INSERT INTO batched VALUES (10, 0)");
                        statement.addBatch("INSERT INTO batched VALUES (10, 0)");
                        statement.addBatch("INSERT INTO batched VALUES (11, 0)");
                        seen.attempt("statement batch", statement::executeBatch);
                    }
                    seen.value("autocommit afterwards", connection.getAutoCommit());
                    recordTable(connection, seen);
                }));
    }

    private static void recordTable(java.sql.Connection connection, Observation seen) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, n FROM batched ORDER BY id")) {
            seen.rows("table", rows);
        }
    }
}
