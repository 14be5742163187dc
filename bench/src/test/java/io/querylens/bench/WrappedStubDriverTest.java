package io.querylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmarks are only worth their numbers if every wrapper really runs its statements over the stub: each variant
 * here does the benchmarks' four workloads and gets the stub's answers back through its wrapper. p6spyDefault is left
 * out because it writes a log file and its settings are read once per JVM; it differs from p6spy only in output. The
 * agent variant needs a JVM started with -javaagent; the report runs it in forks of its own.
 */
class WrappedStubDriverTest {

    @ParameterizedTest
    @EnumSource(value = WrapperVariant.class, mode = EnumSource.Mode.EXCLUDE, names = {"P6SPY_DEFAULT", "AGENT"})
    void preparedSelectReadsTheStubRowThroughTheWrapper(WrapperVariant variant) throws SQLException {
        try (Connection connection = variant.open();
             PreparedStatement statement = connection.prepareStatement(Workloads.SELECT_BY_KEY)) {
            statement.setLong(1, 1234L);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(42);
                assertThat(row.getString("name")).isEqualTo("alice");
                assertThat(row.getLong(3)).isEqualTo(7L);
                assertThat(row.next()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WrapperVariant.class, mode = EnumSource.Mode.EXCLUDE, names = {"P6SPY_DEFAULT", "AGENT"})
    void updatesAndBatchesCountOneRowEachThroughTheWrapper(WrapperVariant variant) throws SQLException {
        try (Connection connection = variant.open()) {
            assertThat(Workloads.preparedUpdate(connection, 5L)).isEqualTo(1);
            int[] counts = Workloads.batchInsert(connection, 100L);
            assertThat(counts).hasSize(Workloads.BATCH_SIZE).containsOnly(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WrapperVariant.class, mode = EnumSource.Mode.EXCLUDE, names = {"P6SPY_DEFAULT", "AGENT"})
    void plainStatementsAnswerQueriesUpdatesAndMetadataThroughTheWrapper(WrapperVariant variant) throws SQLException {
        try (Connection connection = variant.open();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select id, name, version from account where id = 17")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(2)).isEqualTo("alice");
            assertThat(statement.execute("delete from account where id = 3")).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(1);
            assertThat(connection.getMetaData().getURL()).endsWith("stub:bench");
        }
    }
}
