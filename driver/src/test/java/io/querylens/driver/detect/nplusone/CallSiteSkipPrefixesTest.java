package io.querylens.driver.detect.nplusone;

import com.example.shop.ReportPage;
import com.example.shop.ShopDatabase;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code querylens.callSite.skipPrefixes}: the user's own data-access layer can be skipped like a library. */
class CallSiteSkipPrefixesTest {
    static TestDatabase shop;

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("nplusone_call_sites");
    }

    @Test
    void byDefaultTheCallSiteIsTheFrameThatRanTheLoop() throws SQLException {
        Lens.fresh();
        assertThat(renderPage().callSite()).startsWith("com.example.shop.OrderReports.ownerNamesOneByOne(");
    }

    @Test
    void skippedPrefixMovesTheCallSiteToItsCaller() throws SQLException {
        Lens.fresh(Map.of(ConfigKey.CALL_SITE_SKIP_PREFIXES, "com.example.shop.OrderReports"));
        assertThat(renderPage().callSite()).startsWith("com.example.shop.ReportPage.render(ReportPage.java:");
    }

    private static Finding renderPage() throws SQLException {
        try (var unit = QueryLens.unitOfWork("page");
             Connection connection = DriverManager.getConnection(shop.querylensUrl(), shop.user(), shop.password())) {
            ReportPage.render(connection);
        }
        List<Finding> findings = Lens.findings(FindingKind.N_PLUS_ONE);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).count()).isEqualTo(7);
        return findings.get(0);
    }
}
