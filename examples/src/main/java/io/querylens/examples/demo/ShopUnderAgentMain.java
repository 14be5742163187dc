package io.querylens.examples.demo;

import io.querylens.examples.shop.OrderReports;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The example shop as a plain application: a {@code jdbc:postgresql:} URL, no QueryLens class in sight. The demo
 * starts it in a child JVM with {@code -javaagent:querylens-agent.jar}, so the agent does all the watching.
 *
 * <p>Like a service taking traffic it runs its reports round after round until it is stopped (SIGTERM or Ctrl-C: the
 * agent's shutdown hooks then flush what is left to the collector). The first round also changes the schema from
 * application code, the problem the DDL detector reports; later rounds do not repeat it. After each round it prints
 * {@code shop: round N done}, which the demo waits for.
 *
 * <p>Arguments: {@code JDBC_URL USER PASSWORD [SECONDS_BETWEEN_ROUNDS]}.
 */
public final class ShopUnderAgentMain {
    private static final int NPLUSONE_ORDERS = 25;
    private static final int USERS_COUNTED = 20;
    private static final int PRODUCT_LOOKUPS = 10;

    private ShopUnderAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ShopUnderAgentMain JDBC_URL USER PASSWORD [SECONDS_BETWEEN_ROUNDS]");
            System.exit(2);
        }
        long pauseSeconds = args.length > 3 ? Long.parseLong(args[3]) : 5;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            OrderReports reports = new OrderReports(connection);
            for (int round = 1; ; round++) {
                runReports(connection, reports);
                if (round == 1) {
                    reports.addLoyaltyColumnFromApplicationCode();
                }
                System.out.println("shop: round " + round + " done");
                TimeUnit.SECONDS.sleep(pauseSeconds);
            }
        }
    }

    /** Each report is one transaction: the unit of work in which the N+1 detector counts repeated queries. */
    private static void runReports(Connection connection, OrderReports reports) throws SQLException {
        connection.setAutoCommit(false);
        reports.openOrdersWithUsersNPlusOne(NPLUSONE_ORDERS);
        connection.commit();
        reports.openOrdersWithUsersJoined(NPLUSONE_ORDERS);
        connection.commit();
        for (int user = 1; user <= USERS_COUNTED; user++) {
            reports.countOpenOrdersOfUser(user);
            connection.commit();
        }
        reports.productNamesRepeated(7, PRODUCT_LOOKUPS);
        connection.commit();
        connection.setAutoCommit(true);
    }
}
