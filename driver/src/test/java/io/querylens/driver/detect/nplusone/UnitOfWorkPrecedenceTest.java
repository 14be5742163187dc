package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented order of scopes when several apply at once: an explicit unit, then the trace, then the transaction,
 * then the idle thread window. Each case runs two loops of 3 lookups (threshold 5) separated by a commit: only a scope
 * wider than the transaction sees 6 and reports them, and the finding names which scope it was.
 */
class UnitOfWorkPrecedenceTest {
    private static final SpanContext REQUEST = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    static TestDatabase shop;

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("nplusone_precedence");
    }

    @Test
    void explicitUnitWinsOverTheTraceAndTheTransaction() throws SQLException {
        Lens.fresh();
        try (Scope ignored = Span.wrap(REQUEST).makeCurrent();
             var checkout = QueryLens.unitOfWork("checkout")) {
            twoLoopsAcrossACommit(false);
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(6);
            assertThat(f.details()).containsEntry("unitOfWork", "unit of work: checkout");
        });
    }

    @Test
    void traceWinsOverTheTransaction() throws SQLException {
        Lens.fresh();
        try (Scope ignored = Span.wrap(REQUEST).makeCurrent()) {
            twoLoopsAcrossACommit(false);
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(6);
            assertThat(f.details()).containsEntry("unitOfWork", "trace: trace " + REQUEST.getTraceId());
        });
    }

    @Test
    void transactionWinsOverTheThreadWindow() throws SQLException {
        Lens.fresh();
        twoLoopsAcrossACommit(false);
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).isEmpty();
    }

    @Test
    void withoutAnyScopeTheThreadWindowHoldsBothLoops() throws SQLException {
        Lens.fresh();
        twoLoopsAcrossACommit(true);
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(6);
            assertThat((String) f.details().get("unitOfWork")).startsWith("thread window");
        });
    }

    /** Three lookups, a transaction boundary (unless autocommit), three more: 6 from one call site in all. */
    private static void twoLoopsAcrossACommit(boolean autoCommit) throws SQLException {
        try (Connection connection = DriverManager.getConnection(shop.querylensUrl(), shop.user(), shop.password())) {
            connection.setAutoCommit(autoCommit);
            OrderReports orders = new OrderReports(connection);
            orders.ownerNamesOneByOne(3);
            if (!autoCommit) {
                connection.commit();
            }
            orders.ownerNamesOneByOne(3);
            if (!autoCommit) {
                connection.commit();
            }
        }
    }
}
