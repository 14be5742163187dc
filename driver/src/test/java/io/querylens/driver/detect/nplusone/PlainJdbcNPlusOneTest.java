package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain JDBC through {@code jdbc:querylens:} on real PostgreSQL and MariaDB: what is an N+1 and what is not. */
class PlainJdbcNPlusOneTest {

    static Stream<Arguments> databases() throws SQLException {
        return ShopDatabase.freshOnBothServers("nplusone_plain").stream().map(Arguments::of);
    }

    interface JdbcWork {
        void run() throws SQLException;
    }

    private static void inUnit(String name, JdbcWork work) throws SQLException {
        try (UnitOfWork ignored = io.querylens.QueryLens.unitOfWork(name)) {
            work.run();
        }
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lookupPerRowIsOneFindingWithParentCountAndCallSite(TestDatabase database) throws SQLException {
        Lens.fresh();
        try (Connection connection = connect(database)) {
            new OrderReports(connection).ownerNamesOneByOne(12);
        }

        List<Finding> findings = Lens.findings(FindingKind.N_PLUS_ONE);
        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.sql()).isEqualTo("select name from users where id = ?");
        assertThat(finding.count()).isEqualTo(12);
        assertThat(finding.details().get("parentSql")).isEqualTo("select id, user_id from orders where id <= ? order by id");
        assertThat(finding.callSite()).startsWith("com.example.shop.OrderReports.ownerNamesOneByOne(OrderReports.java:");
        assertThat(finding.table()).isEqualTo("users");
        assertThat(finding.columns()).containsExactly("id");
        assertThat(finding.suggestion()).contains("IN (...)").contains("JOIN");
        assertThat(finding.details()).containsEntry("orm", "jdbc");
        assertThat(finding.dataSource()).startsWith("jdbc:");
        assertThat(Lens.findings(FindingKind.REPEATED_QUERY)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void loopOneShortOfTheThresholdStaysSilent(TestDatabase database) throws SQLException {
        Lens.fresh();
        try (Connection connection = connect(database)) {
            new OrderReports(connection).ownerNamesOneByOne(4);
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sameShapeFromTwoCallSitesIsTwoFindings(TestDatabase database) throws SQLException {
        Lens.fresh();
        try (Connection connection = connect(database)) {
            OrderReports reports = new OrderReports(connection);
            reports.ownerNamesOneByOne(8);
            reports.ownerNamesForInvoices(6);
        }

        List<Finding> findings = Lens.findings(FindingKind.N_PLUS_ONE);
        assertThat(findings).extracting(f -> f.callSite().replaceAll("\\(.*", ""), Finding::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("com.example.shop.OrderReports.ownerNamesOneByOne", 8L),
                        org.assertj.core.groups.Tuple.tuple("com.example.shop.OrderReports.ownerNamesForInvoices", 6L));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void longLoopsOfOneShapeFromTwoCallSitesStayTwoFindingsWhenStackWalksAreSampled(TestDatabase database)
            throws SQLException {
        Lens.fresh();
        long firstLoopNanos;
        try (Connection connection = connect(database)) {
            OrderReports reports = new OrderReports(connection);
            long start = System.nanoTime();
            reports.ownerLookups(300);
            firstLoopNanos = System.nanoTime() - start;
            reports.ownerLookupsForInvoices(200);
        }

        // Past a steady run of walks only one execution in 8, 16, ... walks the stack, and at most one a millisecond:
        // the second loop's first executions may be counted at the first loop's site, never lost. 300 executions
        // reach one walk in 64; on a fast database a millisecond may hold more executions than that.
        long executionsPerGap = NPlusOneDetector.MIN_SAMPLED_WALK_GAP_NANOS * 300 / Math.max(1, firstLoopNanos) + 1;
        long slack = Math.max(64, executionsPerGap);
        List<Finding> findings = Lens.findings(FindingKind.N_PLUS_ONE);
        assertThat(findings).hasSize(2);
        Finding first = findings.stream().filter(f -> f.callSite().contains(".ownerLookups(")).findFirst().orElseThrow();
        Finding second = findings.stream().filter(f -> f.callSite().contains(".ownerLookupsForInvoices("))
                .findFirst().orElseThrow();
        assertThat(first.count()).isBetween(300L, 300L + slack);
        assertThat(second.count()).isBetween(200L - slack, 200L);
        assertThat(first.count() + second.count()).isEqualTo(500);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLoopRunSteadilyInTheThreadsPreviousWindowResumesSampledWalksInstead(TestDatabase database)
            throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        List<Finding> reports = Lens.everyReport(detector);
        long[] walks = new long[3];
        try (Connection connection = connect(database)) {
            OrderReports orders = new OrderReports(connection);
            for (int window = 0; window < walks.length; window++) {
                long before = detector.stackWalks();
                orders.ownerLookups(300);
                detector.flush(); // ends the thread's window, as its transaction's end or an idle gap would
                walks[window] = detector.stackWalks() - before;
            }
        }

        // First window: the crossing, 17 walks in a row, then one in 8, 16, 32, 64 (~31). Later ones: the crossing,
        // then at most one in 64, within the thread's walking budget (at most 5).
        assertThat(walks[0]).isGreaterThan(25);
        assertThat(walks[1]).isLessThan(walks[0] / 3);
        assertThat(walks[2]).isLessThan(walks[0] / 3);
        assertThat(reports).hasSize(3).allSatisfy(f -> {
            assertThat(f.count()).isEqualTo(300);
            assertThat(f.callSite()).startsWith("com.example.shop.OrderReports.ownerLookups(");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLoopFromAnotherCallSiteInTheNextWindowIsWalkedAndReportedAtItsOwnSite(TestDatabase database)
            throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        List<Finding> reports = Lens.everyReport(detector);
        try (Connection connection = connect(database)) {
            OrderReports orders = new OrderReports(connection);
            orders.ownerLookups(300);
            detector.flush();
            orders.ownerLookupsForInvoices(200);
            detector.flush();
        }

        assertThat(reports).extracting(f -> f.callSite().replaceAll("\\(.*", ""), Finding::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("com.example.shop.OrderReports.ownerLookups", 300L),
                        org.assertj.core.groups.Tuple.tuple("com.example.shop.OrderReports.ownerLookupsForInvoices",
                                200L));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sameParametersEveryTimeIsARepeatedQueryNotAnNPlusOne(TestDatabase database) throws SQLException {
        Lens.fresh();
        try (Connection connection = connect(database)) {
            new OrderReports(connection).sameOwnerAgainAndAgain(7);
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).isEmpty();
        List<Finding> repeated = Lens.findings(FindingKind.REPEATED_QUERY);
        assertThat(repeated).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(7);
            assertThat(f.callSite()).startsWith("com.example.shop.OrderReports.sameOwnerAgainAndAgain(");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void joinsInListsBatchesWritesAndPagesAreNeverNPlusOne(TestDatabase database) throws SQLException {
        Lens.fresh();
        try (Connection connection = connect(database)) {
            OrderReports reports = new OrderReports(connection);
            // Each case is its own unit of work, as each would be its own request.
            inUnit("join", reports::ownerNamesByJoin);
            inUnit("in list", () -> reports.ownerNamesWithInList(ShopDatabase.ORDERS));
            inUnit("batch", () -> reports.addLinesInBatch(1_000, 30));
            inUnit("insert loop", () -> reports.addLinesOneByOne(2_000, 12));
            inUnit("multi-row insert", () -> reports.addLinesInOneStatement(3_000));
            inUnit("update loop", () -> reports.renameUsersOneByOne(10));
            inUnit("offset pages", () -> reports.pageThroughOrdersByOffset(2));
            inUnit("keyset pages", () -> reports.pageThroughOrdersByKey(2));
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).isEmpty();
        assertThat(Lens.findings(FindingKind.REPEATED_QUERY)).isEmpty();
    }
}
