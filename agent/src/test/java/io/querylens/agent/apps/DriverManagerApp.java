package io.querylens.agent.apps;

import java.sql.DriverManager;

/** Plain {@code DriverManager.getConnection}. Arguments: url user password table vendorInterface. */
public final class DriverManagerApp {
    private DriverManagerApp() {
    }

    public static void main(String[] args) throws Exception {
        Workload.printJdkAccess();
        Workload.run(() -> DriverManager.getConnection(args[0], args[1], args[2]), args[3], args[4]);
    }
}
