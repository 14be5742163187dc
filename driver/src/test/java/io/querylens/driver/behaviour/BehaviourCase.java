package io.querylens.driver.behaviour;

import java.sql.Connection;
import java.sql.Statement;

/**
 * One thing an application does with a connection, written once for every target and access path. The body records
 * what it sees into an {@link Observation}; the suite runs it raw and through QueryLens and compares the two.
 * Bodies set up their own tables, so each run starts from the same state.
 */
record BehaviourCase(String name, Body body) {

    @FunctionalInterface
    interface Body {
        void observe(Connection connection, Target target, Observation seen) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Drops and recreates a table, so identity columns and row counts start afresh in both runs. */
    static void recreateTable(Connection connection, String table, String columns) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (" + columns + ")");
        }
    }

    /** An auto-generated integer key column, spelled as each server wants it. */
    static String identityColumn(Target target) {
        return target.isPostgres() ? "id SERIAL PRIMARY KEY" : "id INT AUTO_INCREMENT PRIMARY KEY";
    }
}
