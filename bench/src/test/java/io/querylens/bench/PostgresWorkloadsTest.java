package io.querylens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresBench}'s numbers mean something only if every variant, on a reused connection and through the pool,
 * really reads, updates and inserts rows in the real PostgreSQL ({@link PostgresServer}, embedded, once per JVM).
 */
class PostgresWorkloadsTest {

    @ParameterizedTest
    @EnumSource(value = WrapperVariant.class, mode = EnumSource.Mode.EXCLUDE, names = {"P6SPY_DEFAULT", "AGENT"})
    void everyVariantReadsUpdatesAndInsertsOnAReusedConnection(WrapperVariant variant) throws SQLException {
        Database database = PostgresServer.database();
        try (Connection connection = variant.open(database)) {
            exercise(connection, variant.ordinal() * 1_000_000L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WrapperVariant.class, mode = EnumSource.Mode.EXCLUDE, names = {"P6SPY_DEFAULT", "AGENT"})
    void everyVariantReadsUpdatesAndInsertsThroughTheHikariPool(WrapperVariant variant) throws SQLException {
        Database database = PostgresServer.database();
        try (WrapperVariant.Pool pool = variant.openPool(database);
             Connection borrowed = pool.dataSource().getConnection()) {
            exercise(borrowed, 100_000_000L + variant.ordinal() * 1_000_000L);
        }
    }

    @Test
    void theAgentVariantRefusesToMeasureConnectionsTheAgentDidNotWrap() {
        assertThat(WrapperVariant.AGENT.unavailableReason()).contains("-javaagent:");
        assertThatThrownBy(() -> WrapperVariant.AGENT.open(Database.STUB))
                .isInstanceOf(SQLException.class).hasMessageContaining("the agent did not wrap");
    }

    @Test
    void keysWalkEveryRowOfTheTable() {
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (long n = 0; n < PostgresServer.ROWS; n++) {
            keys.add(PostgresServer.key(n));
        }
        assertThat(keys).hasSize(PostgresServer.ROWS).allMatch(k -> k >= 1 && k <= PostgresServer.ROWS);
    }

    private static void exercise(Connection connection, long firstInsertKey) throws SQLException {
        long key = PostgresServer.key(12_345);
        try (PreparedStatement select = connection.prepareStatement(PostgresServer.SELECT_BY_KEY)) {
            select.setLong(1, key);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(key);
                assertThat(row.getString(2)).isEqualTo("customer-" + key);
                assertThat(row.next()).isFalse();
            }
        }
        assertThat(Workloads.preparedUpdate(connection, PostgresServer.UPDATE_BY_KEY, key)).isEqualTo(1);
        int[] counts = Workloads.batchInsert(connection, PostgresServer.INSERT, firstInsertKey);
        assertThat(counts).hasSize(Workloads.BATCH_SIZE);
        try (Statement statement = connection.createStatement();
             ResultSet inserted = statement.executeQuery("select count(*) from account_insert where id between "
                     + firstInsertKey + " and " + (firstInsertKey + Workloads.BATCH_SIZE - 1))) {
            inserted.next();
            assertThat(inserted.getInt(1)).isEqualTo(Workloads.BATCH_SIZE);
        }
    }
}
