package com.example.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A caller of {@link OrderReports}, for call-site tests that treat OrderReports as a library to skip. */
public final class ReportPage {
    private ReportPage() {
    }

    public static List<String> render(Connection connection) throws SQLException {
        return new OrderReports(connection).ownerNamesOneByOne(7);
    }
}
