package io.querylens.collector.dbstats;

import io.querylens.collector.merge.CollectorState;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real PostgreSQL database where {@code pg_stat_statements} was never created (the server preloads the library; the
 * extension simply is not in this database, the common case): the collector says so once, with how to enable it, and
 * still collects the tables, the connections and the cache hit ratio. Issue 8.
 */
class MissingStatisticsTest {
    private static final Logger LOG = Logger.getLogger("io.querylens.collector.dbstats");

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        LOG.removeHandler(capture);
    }

    @Test
    void aDatabaseWithoutPgStatStatementsIsReportedOnceWithHowToEnableItAndTheRestIsStillPolled() throws Exception {
        TestDatabase database = TestDatabases.postgres().createDatabase("collector_without_pgss");
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            statement.execute("create table parcels (id int primary key, weight int)");
            statement.execute("insert into parcels select g, g from generate_series(1, 50) g");
            statement.execute("select count(*) from parcels where weight > 10");
        }
        CollectorState state = new CollectorState();
        String url = database.jdbcUrlWithCredentials();
        try (DatabasePoller poller = new DatabasePoller(Map.of("nopgss", url), state, 30_000)) {
            poller.pollAll();
            poller.pollAll();

            assertThat(poller.latest()).hasSize(1);
            DatabaseStatistics statistics = poller.latest().get(0);
            assertThat(statistics.unavailable()).containsExactly("pg_stat_statements");
            assertThat(statistics.statements()).isEmpty();
            assertThat(statistics.tables()).as("pg_stat_user_tables still read")
                    .anySatisfy(table -> {
                        assertThat(table.table()).isEqualTo("parcels");
                        assertThat(table.liveTuples() + table.seqScans()).isPositive();
                    });
            assertThat(statistics.connections()).isPositive();
            assertThat(statistics.maxConnections()).isPositive();
            assertThat(statistics.cacheHitRatio()).isNotNull();
            assertThat(state.internalErrors().byComponent().values()).allSatisfy(count -> assertThat(count).isZero());
        }
        assertThat(warnings).filteredOn(message -> message.contains("pg_stat_statements"))
                .as("two polls, one warning")
                .singleElement().asString()
                .contains("database 'nopgss'")
                .contains("shared_preload_libraries")
                .contains("CREATE EXTENSION pg_stat_statements")
                .contains("The other statistics are still collected.");
    }
}
