package io.querylens.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JDBC work one benchmark operation does, shared by the single- and multi-threaded benchmarks so both measure the
 * same thing. Each operation is what an application does per statement: prepare (or create), bind, execute, read,
 * close; the connection stays open across operations, as a pooled one would.
 */
final class Workloads {

    static final String SELECT_BY_KEY = "select id, name, version from account where id = ?";
    static final String UPDATE_BY_KEY = "update account set version = version + 1 where id = ?";
    static final String INSERT = "insert into account (id, name, version) values (?, ?, ?)";
    static final int BATCH_SIZE = 100;

    /**
     * The same statement with different literals, as code that concatenates values produces: a wrapper that
     * fingerprints must map them to one shape, through its cache of texts. A power of two, for the cheap cycle.
     */
    private static final String[] SELECTS_WITH_LITERALS = {
        "select id, name, version from account where id = 17",
        "select id, name, version from account where id = 4242",
        "select id, name, version from account where name = 'alice'",
        "select id, name, version from account where name = 'bob' and version > 3",
    };
    private static final int LITERAL_CYCLE_MASK = SELECTS_WITH_LITERALS.length - 1;

    private Workloads() {
    }

    static void preparedSelect(Connection connection, long key, Blackhole blackhole) throws SQLException {
        preparedSelect(connection, SELECT_BY_KEY, key, blackhole);
    }

    static void preparedSelect(Connection connection, String sql, long key, Blackhole blackhole) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet row = statement.executeQuery()) {
                readRow(row, blackhole);
            }
        }
    }

    static int preparedUpdate(Connection connection, long key) throws SQLException {
        return preparedUpdate(connection, UPDATE_BY_KEY, key);
    }

    static int preparedUpdate(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            return statement.executeUpdate();
        }
    }

    static void statementSelect(Connection connection, int operation, Blackhole blackhole) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(SELECTS_WITH_LITERALS[operation & LITERAL_CYCLE_MASK])) {
            readRow(row, blackhole);
        }
    }

    static int[] batchInsert(Connection connection, long firstKey) throws SQLException {
        return batchInsert(connection, INSERT, firstKey);
    }

    static int[] batchInsert(Connection connection, String sql, long firstKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < BATCH_SIZE; i++) {
                statement.setLong(1, firstKey + i);
                statement.setString(2, "alice");
                statement.setLong(3, 1L);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private static void readRow(ResultSet row, Blackhole blackhole) throws SQLException {
        if (!row.next()) {
            throw new IllegalStateException("the select by key returned no row");
        }
        blackhole.consume(row.getInt(1));
        blackhole.consume(row.getString(2));
        blackhole.consume(row.getLong(3));
    }
}
