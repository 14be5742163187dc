package com.example.shop;

import io.querylens.QueryLens;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A tiny application run in child JVMs by {@code FindingsFileAcrossProcessesTest}: through {@code jdbc:querylens:} it
 * runs the same N+1 in three units of work (6, 12, then 9 lookups), flushing findings after each, then exits without
 * closing anything, as an application stopped by its container would. Arguments: URL (with the prefix), user,
 * password, and which call site to use ({@code orders} or {@code invoices}).
 */
public final class FindingsWritingApp {
    private FindingsWritingApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean invoices = "invoices".equals(args[3]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            OrderReports reports = new OrderReports(connection);
            for (int lookups : new int[] {6, 12, 9}) {
                try (var unit = QueryLens.unitOfWork("report")) {
                    if (invoices) {
                        reports.ownerNamesForInvoices(lookups);
                    } else {
                        reports.ownerNamesOneByOne(lookups);
                    }
                }
                QueryLens.flush();
            }
        }
        System.out.println("done");
        System.exit(0);
    }
}
