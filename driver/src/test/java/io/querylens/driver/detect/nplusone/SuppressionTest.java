package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static io.querylens.driver.finding.FindingKind.N_PLUS_ONE;
import static org.assertj.core.api.Assertions.assertThat;

/** Accepted N+1 cases are counted as suppressed and never reported: by configuration, SQL comment, or code. */
class SuppressionTest {
    private static final String OWNER_LOOKUP = "select name from users where id = ?";
    static TestDatabase shop;

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("nplusone_allow");
    }

    private static void ownerLoop() throws SQLException {
        try (Connection connection = connect()) {
            new OrderReports(connection).ownerNamesOneByOne(6);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(shop.querylensUrl(), shop.user(), shop.password());
    }

    private static String ownerLookupFingerprint() {
        return Fingerprinter.fingerprint(OWNER_LOOKUP, Dialect.POSTGRESQL).hexId();
    }

    @Test
    void fingerprintListedInConfigurationIsSuppressedAndCounted() throws SQLException {
        NPlusOneDetector detector = Lens.fresh(Map.of(ConfigKey.NPLUSONE_ALLOW_SHAPES, ownerLookupFingerprint()));
        ownerLoop();
        assertThat(Lens.findings(N_PLUS_ONE)).isEmpty();
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
    }

    @Test
    void callSitePrefixInConfigurationSuppressesOnlyThatCallSite() throws SQLException {
        NPlusOneDetector detector = Lens.fresh(Map.of(ConfigKey.NPLUSONE_ALLOW_CALL_SITES,
                "com.example.shop.OrderReports.ownerNamesOneByOne"));
        try (Connection connection = connect()) {
            OrderReports reports = new OrderReports(connection);
            reports.ownerNamesOneByOne(6);
            reports.ownerNamesForInvoices(6);
        }
        assertThat(Lens.findings(N_PLUS_ONE)).singleElement()
                .satisfies(f -> assertThat(f.callSite()).contains("ownerNamesForInvoices"));
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
    }

    @Test
    void scopeInCodeSuppressesOnlyWhatRanInsideIt() throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        try (UnitOfWork ignored = QueryLens.unitOfWork("accepted");
             Allowance accepted = QueryLens.allow(N_PLUS_ONE)) {
            ownerLoop();
        }
        assertThat(Lens.findings(N_PLUS_ONE)).isEmpty();
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);

        try (UnitOfWork ignored = QueryLens.unitOfWork("not accepted")) {
            ownerLoop();
        }
        assertThat(Lens.findings(N_PLUS_ONE)).hasSize(1);
    }

    @Test
    void ruleForAShapeHoldsUntilClosedAndLeavesNoScopeOpen() throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        try (Allowance.Rule rule = QueryLens.allow(N_PLUS_ONE).forShape(ownerLookupFingerprint())) {
            try (UnitOfWork ignored = QueryLens.unitOfWork("under rule")) {
                ownerLoop();
            }
            assertThat(Lens.findings(N_PLUS_ONE)).isEmpty();
            assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
            assertThat(ThreadWork.current().allowedKinds).isZero();
        }
        try (UnitOfWork ignored = QueryLens.unitOfWork("rule withdrawn")) {
            ownerLoop();
        }
        assertThat(Lens.findings(N_PLUS_ONE)).extracting(Finding::sql).containsExactly(OWNER_LOOKUP);
    }

    @Test
    void ruleForACallSitePrefixSuppressesThatCode() throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        try (Allowance.Rule rule = QueryLens.allow(N_PLUS_ONE).forCallSite("com.example.shop.OrderReports")) {
            ownerLoop();
            assertThat(Lens.findings(N_PLUS_ONE)).isEmpty();
        }
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
    }

    @Test
    void allowCommentInTheSqlSuppressesTheShape() {
        NPlusOneDetector detector = Lens.fresh();
        QueryShape parent = new QueryShape(1, "select id from orders", StatementKind.SELECT, null);
        QueryShape allowed = new QueryShape(2, OWNER_LOOKUP, StatementKind.SELECT, new String[] {"n_plus_one"});
        QueryShape plain = new QueryShape(3, "select total from orders where id = ?", StatementKind.SELECT, null);
        Execution execution = new Execution();
        try (UnitOfWork ignored = QueryLens.unitOfWork("comment")) {
            for (QueryShape repeated : new QueryShape[] {allowed, plain}) {
                execution.fill(parent, null, null, 0, 1, 0, 0, null);
                detector.onExecution(execution);
                for (int i = 1; i <= 6; i++) {
                    execution.fill(repeated, null, null, 0, 1, i, 0, null);
                    detector.onExecution(execution);
                }
            }
        }
        assertThat(Lens.findings(N_PLUS_ONE)).extracting(Finding::sql)
                .containsExactly("select total from orders where id = ?");
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
        assertThat(detector.suppressed(FindingKind.REPEATED_QUERY)).isZero();
    }
}
