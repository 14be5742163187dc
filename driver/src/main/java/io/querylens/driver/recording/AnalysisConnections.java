package io.querylens.driver.recording;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a fresh connection to the application's database for background analysis (EXPLAIN, catalog reads), through
 * the same underlying driver or DataSource and credentials. Never returns the application's own connection, and
 * the connection it returns is not wrapped: analysis statements are not recorded.
 */
@FunctionalInterface
public interface AnalysisConnections {
    Connection open() throws SQLException;
}
