package io.querylens.driver.config;

import io.querylens.QueryLens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Run in a child JVM by {@link ConfigurationAtFirstConnectionTest}: opens one {@code jdbc:querylens:} connection
 * (arguments: URL, user, password) and prints the N+1 threshold in effect and where it came from, or the SQLState and
 * message of the failure.
 */
public final class ConnectAndPrintThresholdMain {
    private ConnectAndPrintThresholdMain() {
    }

    public static void main(String[] args) {
        try (Connection ignored = DriverManager.getConnection(args[0], args[1], args[2])) {
            QueryLensConfig config = QueryLens.engine().config();
            System.out.println("threshold " + config.integer(ConfigKey.NPLUSONE_THRESHOLD) + " from "
                    + config.source(ConfigKey.NPLUSONE_THRESHOLD));
        } catch (SQLException failure) {
            System.out.println("failed " + failure.getSQLState() + " " + failure.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }
}
