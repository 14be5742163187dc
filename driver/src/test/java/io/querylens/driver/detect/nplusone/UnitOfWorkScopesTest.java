package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which statements count together: explicit unit, trace, transaction, idle thread window. */
class UnitOfWorkScopesTest {
    static TestDatabase shop;

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("nplusone_scopes");
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(shop.querylensUrl(), shop.user(), shop.password());
    }

    private static List<Finding> reportedNPlusOnes() {
        return Lens.reported(FindingKind.N_PLUS_ONE);
    }

    @Test
    void eachTransactionIsOneUnitReportedAtCommit() throws SQLException {
        List<Finding> reports = Lens.everyReport(Lens.fresh());
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            OrderReports orders = new OrderReports(connection);
            orders.ownerNamesOneByOne(6);
            connection.commit();
            assertThat(reports).extracting(Finding::count).containsExactly(6L);

            orders.ownerNamesOneByOne(7);
            connection.rollback();
        }
        assertThat(reports).extracting(Finding::count).containsExactly(6L, 7L);
        assertThat(reports).allSatisfy(f ->
                assertThat((String) f.details().get("unitOfWork")).startsWith("transaction"));
    }

    @Test
    void explicitUnitReportsAtCloseAndMergesItsWorkerThreads() throws Exception {
        Lens.fresh();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (UnitOfWork checkout = QueryLens.unitOfWork("checkout")) {
            List<Long> userIds;
            try (Connection connection = connect()) {
                userIds = new OrderReports(connection).userIdsOfFirstOrders(12);
            }
            List<Future<?>> lookups = new ArrayList<>();
            for (long userId : userIds) {
                lookups.add(workers.submit(checkout.wrap(() -> {
                    lookUpOwner(userId);
                    return null;
                })));
            }
            for (Future<?> lookup : lookups) {
                lookup.get();
            }
            assertThat(reportedNPlusOnes()).isEmpty();
        } finally {
            workers.shutdown();
        }
        assertThat(reportedNPlusOnes()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(12);
            assertThat(f.details()).containsEntry("unitOfWork", "unit of work: checkout")
                    .containsEntry("parentSql", "select id, user_id from orders where id <= ? order by id");
            assertThat(f.callSite()).startsWith("com.example.shop.OwnerLookup.byId(");
        });
    }

    @Test
    void threadWindowEndsAfterTheIdleTimeWithoutAFlush() throws SQLException {
        Lens.fresh(Map.of(ConfigKey.NPLUSONE_IDLE_MILLIS, 50));
        try (Connection connection = connect()) {
            new OrderReports(connection).ownerNamesOneByOne(8);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !reportedNPlusOnes().isEmpty());
        assertThat(reportedNPlusOnes()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(8);
            assertThat((String) f.details().get("unitOfWork")).startsWith("thread window");
        });
    }

    @Test
    void traceIsOneUnitAcrossThreadsThatCarryItsContext() throws Exception {
        Lens.fresh();
        SpanContext request = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (Scope ignored = Span.wrap(request).makeCurrent()) {
            List<Long> userIds;
            try (Connection connection = connect()) {
                userIds = new OrderReports(connection).userIdsOfFirstOrders(10);
            }
            List<Future<?>> lookups = new ArrayList<>();
            for (long userId : userIds) {
                lookups.add(workers.submit(Context.current().wrap(() -> {
                    lookUpOwner(userId);
                    return null;
                })));
            }
            for (Future<?> lookup : lookups) {
                lookup.get();
            }
        } finally {
            workers.shutdown();
        }
        List<Finding> findings = Lens.findings(FindingKind.N_PLUS_ONE);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(10);
            assertThat(f.details()).containsEntry("unitOfWork", "trace: trace 0af7651916cd43dd8448eb211c80319c");
        });
    }

    private static void lookUpOwner(long userId) throws SQLException {
        try (Connection connection = connect()) {
            com.example.shop.OwnerLookup.byId(connection, userId);
        }
    }
}
