package io.querylens.agent.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;

/**
 * HikariCP, configured either with {@code jdbcUrl} or with {@code dataSourceClassName}. Also reports the pool's own
 * view: its proxy class, its metrics and a health check. Arguments: (url|dataSourceClassName=url) user password table
 * vendorInterface.
 */
public final class HikariApp {
    private HikariApp() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        int equals = args[0].indexOf("=jdbc:");
        if (equals > 0) {
            config.setDataSourceClassName(args[0].substring(0, equals));
            config.addDataSourceProperty("url", args[0].substring(equals + 1));
        } else {
            config.setJdbcUrl(args[0]);
        }
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(2);
        config.setPoolName("agent-test");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Workload.run(pool::getConnection, args[3], args[4]);
            try (Connection connection = pool.getConnection()) {
                System.out.println("POOL_PROXY " + connection.getClass().getName());
                System.out.println("VALID " + connection.isValid(5));
                System.out.println("POOL total=" + pool.getHikariPoolMXBean().getTotalConnections()
                        + " active=" + pool.getHikariPoolMXBean().getActiveConnections());
            }
        }
    }
}
