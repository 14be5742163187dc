package io.querylens.junit;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import static io.querylens.junit.QueryLensAssertions.assertMaxSelects;
import static io.querylens.junit.QueryLensAssertions.assertNoNPlusOne;
import static io.querylens.junit.QueryLensAssertions.assertSelectCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The assertion API ({@link QueryLensAssertions}) on a real PostgreSQL, and the budget annotations that
 * {@link QueryLensExtensionTest} only sees pass: an exact {@code @ExpectSelects} missed and an {@code @ExpectInserts}
 * exceeded fail with both numbers.
 */
class QueryLensAssertionsTest {
    static TestDatabase shop;
    static final AtomicLong NEXT_LINE_ID = new AtomicLong(50_000);

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("junit_assertions");
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.NPLUSONE_IDLE_MILLIS, 600_000).build());
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(shop.querylensUrl(), shop.user(), shop.password());
    }

    @Test
    void assertNoNPlusOneFailsWithShapeCountParentAndCallSite() {
        assertThatThrownBy(() -> assertNoNPlusOne(() -> {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesOneByOne(8);
            }
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("N+1 query in the asserted block:")
                .hasMessageContaining("select name from users where id = ?")
                .hasMessageContaining("ran 8 times")
                .hasMessageContaining("after: select id, user_id from orders where id <= ? order by id")
                .hasMessageContaining("at com.example.shop.OrderReports.ownerNamesOneByOne(OrderReports.java:");
    }

    @Test
    void assertNoNPlusOnePassesForAJoinAndReturnsWhatRan() throws Throwable {
        QueryRecording recording = assertNoNPlusOne(() -> {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesByJoin();
            }
        });
        assertThat(recording.counts().selects()).isEqualTo(1);
        assertThat(recording.nPlusOnes()).isEmpty();
    }

    @Test
    void selectCountIsExactAndCountsOtherThreads() throws Throwable {
        assertSelectCount(2, () -> onAnotherThread(() -> {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesWithInList(3);
            }
        }));
        assertThatThrownBy(() -> assertSelectCount(1, () -> {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesWithInList(3);
            }
        })).isInstanceOf(AssertionError.class)
                .hasMessage("Expected 1 SELECT statements in the asserted block but 2 ran");
    }

    @Test
    void maxSelectsFailsWhenAnotherThreadExceedsIt() {
        assertThatThrownBy(() -> assertMaxSelects(3, () -> onAnotherThread(() -> {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesOneByOne(4);
            }
        }))).isInstanceOf(AssertionError.class)
                .hasMessage("Expected at most 3 SELECT statements in the asserted block but 5 ran");
    }

    @Test
    void missedExactSelectBudgetAndExceededInsertBudgetFailTheirTests() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(BudgetSamples.class, "expectsOneSelectButRunsTwo"),
                        selectMethod(BudgetSamples.class, "expectsTwoInsertsButRunsThree"))
                .execute().testEvents()
                .assertStatistics(s -> s.failed(2).succeeded(0))
                .assertThatEvents()
                .haveExactly(1, event(test("expectsOneSelectButRunsTwo"), finishedWithFailure(message(m ->
                        m.contains("Expected 1 SELECT") && m.contains("but 2 ran")))))
                .haveExactly(1, event(test("expectsTwoInsertsButRunsThree"), finishedWithFailure(message(m ->
                        m.contains("Expected 2 INSERT") && m.contains("but 3 ran")))));
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void onAnotherThread(SqlWork work) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @QueryLensTest
    static class BudgetSamples {
        @org.junit.jupiter.api.Test
        @ExpectSelects(1)
        void expectsOneSelectButRunsTwo() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesWithInList(3);
            }
        }

        @org.junit.jupiter.api.Test
        @ExpectInserts(2)
        void expectsTwoInsertsButRunsThree() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).addLinesOneByOne(NEXT_LINE_ID.getAndAdd(3), 3);
            }
        }
    }
}
