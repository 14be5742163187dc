package io.querylens.junit;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Runs sample test classes through the JUnit Platform and checks which the extension fails, and with what message.
 * The samples are nested classes, which Surefire does not run by itself.
 */
class QueryLensExtensionTest {
    static TestDatabase shop;
    /** The sample that inserts runs more than once against the same tables: fresh keys each time. */
    static final AtomicLong NEXT_LINE_ID = new AtomicLong(5_000);

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("nplusone_junit");
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.NPLUSONE_IDLE_MILLIS, 600_000).build());
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(shop.querylensUrl(), shop.user(), shop.password());
    }

    @QueryLensTest
    static class Samples {
        @Test
        void loadsOwnersOneByOne() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesOneByOne(9);
            }
        }

        @Test
        void loadsOwnersWithAJoin() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesByJoin();
            }
        }

        @Test
        @AllowNPlusOne("legacy report")
        void loadsOwnersOneByOneButIsAllowed() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesOneByOne(9);
            }
        }

        @Test
        void loadsOwnersOneByOneOnAnotherThread() throws Exception {
            ExecutorService server = Executors.newSingleThreadExecutor();
            try {
                server.submit(() -> {
                    try (Connection connection = connect()) {
                        return new OrderReports(connection).ownerNamesOneByOne(7);
                    }
                }).get();
            } finally {
                server.shutdown();
            }
        }

        @Test
        @ExpectSelects(2)
        void staysWithinItsSelectBudget() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesWithInList(3);
            }
        }

        @Test
        @ExpectMaxSelects(3)
        void exceedsItsSelectBudget() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesOneByOne(4);
            }
        }

        @Test
        @ExpectInserts(3)
        @ExpectUpdates(2)
        void countsWritesByKind() throws SQLException {
            try (Connection connection = connect()) {
                OrderReports reports = new OrderReports(connection);
                reports.addLinesOneByOne(NEXT_LINE_ID.getAndAdd(3), 3);
                reports.renameUsersOneByOne(2);
            }
        }
    }

    @ExtendWith(QueryLensExtension.class)
    static class RegisteredWithExtendWith {
        @Test
        void loadsOwnersOneByOne() throws SQLException {
            try (Connection connection = connect()) {
                new OrderReports(connection).ownerNamesOneByOne(6);
            }
        }
    }

    private static Events run(Class<?> type, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, method)).execute().testEvents();
    }

    @Test
    void nPlusOneInTheBodyFailsTheTestWithShapeCountParentAndCallSite() {
        run(Samples.class, "loadsOwnersOneByOne").assertThatEvents().haveExactly(1, event(test("loadsOwnersOneByOne"),
                finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.contains(
                        "N+1 query in Samples.loadsOwnersOneByOne():")
                        && m.contains("select name from users where id = ?")
                        && m.contains("ran 9 times")
                        && m.contains("after: select id, user_id from orders where id <= ? order by id")
                        && m.contains("at com.example.shop.OrderReports.ownerNamesOneByOne(OrderReports.java:")
                        && m.contains("IN (...)")))));
    }

    @Test
    void extendWithAloneAlsoFailsAnNPlusOne() {
        run(RegisteredWithExtendWith.class, "loadsOwnersOneByOne").assertStatistics(s -> s.failed(1));
    }

    @Test
    void joinPassesAndAllowedNPlusOnePasses() {
        run(Samples.class, "loadsOwnersWithAJoin").assertStatistics(s -> s.succeeded(1).failed(0));
        run(Samples.class, "loadsOwnersOneByOneButIsAllowed").assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void nPlusOneOnAnotherThreadFailsTheTest() {
        run(Samples.class, "loadsOwnersOneByOneOnAnotherThread").assertThatEvents().haveExactly(1,
                event(test("loadsOwnersOneByOneOnAnotherThread"), finishedWithFailure(message(m -> m.contains(
                        "ran 7 times")))));
    }

    @Test
    void selectBudgetsPassWhenMetAndFailWithBothNumbers() {
        run(Samples.class, "staysWithinItsSelectBudget").assertThatEvents()
                .haveExactly(1, event(test("staysWithinItsSelectBudget"), finishedSuccessfully()));
        run(Samples.class, "exceedsItsSelectBudget").assertThatEvents().haveExactly(1,
                event(test("exceedsItsSelectBudget"), finishedWithFailure(message(m -> m.contains(
                        "Expected at most 3 SELECT statements in Samples.exceedsItsSelectBudget() but 5 ran")))));
    }

    @Test
    void withParallelExecutionQueryLensTestsStillDoNotOverlap() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .selectors(selectMethod(Samples.class, "staysWithinItsSelectBudget"),
                        selectMethod(Samples.class, "loadsOwnersOneByOne"),
                        selectMethod(Samples.class, "countsWritesByKind"))
                .execute().testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(1))
                .assertThatEvents().haveExactly(1, event(test("loadsOwnersOneByOne"),
                        finishedWithFailure(message(m -> m.contains("ran 9 times")))));
    }

    @Test
    void writeBudgetsCountInsertsAndUpdatesApart() {
        run(Samples.class, "countsWritesByKind").assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(QueryLens.findings()).noneMatch(f -> f.callSite() != null
                && f.callSite().contains("countsWritesByKind"));
    }
}
