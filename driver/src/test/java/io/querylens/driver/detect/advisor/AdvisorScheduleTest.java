package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When the advisor checks a data source: shortly after its first tables are seen, then once per interval. */
class AdvisorScheduleTest {
    private static final long SETTLE = 2_000;
    private static final long INTERVAL = 300_000;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final DataSourceState state = new DataSourceState("jdbc:postgresql://db/app", Dialect.POSTGRESQL,
            () -> { throw new AssertionError("no connection in this test"); }, now::get);

    @Test
    void nothingIsDueBeforeAnyTableIsSeen() {
        assertThat(state.due(now.get() + INTERVAL * 10, SETTLE, INTERVAL)).isFalse();
    }

    @Test
    void firstRunIsDueOnceNewTablesHaveSettled() {
        state.touched(new TableName(null, "orders"));
        now.addAndGet(SETTLE / 2);
        state.touched(new TableName(null, "users"));
        assertThat(state.due(now.get() + SETTLE - 1, SETTLE, INTERVAL)).isFalse();
        assertThat(state.due(now.get() + SETTLE, SETTLE, INTERVAL)).isTrue();
        assertThat(state.promptRunPending()).isTrue();
    }

    @Test
    void afterTheFirstRunNewTablesWaitForTheInterval() {
        state.touched(new TableName(null, "orders"));
        state.ran(now.get());
        state.touched(new TableName(null, "invoices"));
        assertThat(state.promptRunPending()).isFalse();
        assertThat(state.due(now.get() + INTERVAL - 1, SETTLE, INTERVAL)).isFalse();
        assertThat(state.due(now.get() + INTERVAL, SETTLE, INTERVAL)).isTrue();
    }

    @Test
    void schemaChangeOrNewEntityModelAsksForAPromptRun() {
        state.touched(new TableName(null, "orders"));
        state.ran(now.get());
        state.wantPromptRun();
        assertThat(state.due(now.get() + SETTLE, SETTLE, INTERVAL)).isTrue();
    }
}
