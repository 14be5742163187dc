package io.querylens.collector.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A stand-in application for the end-to-end tests, run as its own JVM: executes one prepared select
 * {@code executions} times through {@code jdbc:querylens:}, pausing {@code pauseMillis} every 100, then exits (the
 * stream's shutdown hook ships the last interval).
 * Arguments: querylens URL, user, password, queue folder, app name, executions, pauseMillis.
 */
public final class ApplicationProcess {
    public static void main(String[] args) throws Exception {
        System.setProperty("querylens.queue.dir", args[3]);
        System.setProperty("querylens.app", args[4]);
        System.setProperty("querylens.flushSeconds", "1");
        int executions = Integer.parseInt(args[5]);
        long pauseMillis = Long.parseLong(args[6]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             PreparedStatement select = connection.prepareStatement(
                     "select id, note from collector_e2e where id = ?")) {
            for (int i = 0; i < executions; i++) {
                select.setInt(1, i % 10);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(2);
                    }
                }
                if (i % 100 == 99 && pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        }
        System.out.println("executed " + executions);
    }
}
