package io.querylens.driver.sink;

import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;

/** Run in a child JVM by {@link FindingsLogBackendTest}: reports one finding through the shared engine and flushes. */
public final class ReportOneFindingMain {
    private ReportOneFindingMain() {
    }

    public static void main(String[] args) {
        QueryLens.engine().findings().report(Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING)
                .fingerprint("00000000000000aa").sql("select name from users where id = ?").count(9)
                .callSite("com.example.shop.OrderReports.ownerNamesOneByOne(OrderReports.java:27)").build());
        QueryLens.flush();
        System.exit(0);
    }
}
