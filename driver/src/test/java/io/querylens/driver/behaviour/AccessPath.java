package io.querylens.driver.behaviour;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.QueryLensDataSource;
import io.querylens.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * How an application reaches the database, in pairs: the raw way and the same way with QueryLens in it. Comparing
 * QueryLens-in-a-pool with the raw driver directly would blame QueryLens for HikariCP's own proxies, so each pooled
 * path is compared with the same pool over the raw driver.
 */
enum AccessPath {
    DRIVER_MANAGER("DriverManager URL") {
        @Override
        Source raw(Target target) {
            TestDatabase db = target.database();
            return () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        }

        @Override
        Source lens(Target target) {
            TestDatabase db = target.database();
            return () -> DriverManager.getConnection(db.querylensUrl(), db.user(), db.password());
        }
    },
    VENDOR_DATA_SOURCE("QueryLensDataSource over the vendor DataSource") {
        @Override
        Source raw(Target target) {
            return target.vendorDataSource()::getConnection;
        }

        @Override
        Source lens(Target target) {
            return new QueryLensDataSource(target.vendorDataSource())::getConnection;
        }
    },
    HIKARI_JDBC_URL("HikariCP with jdbcUrl") {
        @Override
        Source raw(Target target) {
            return pool(target, this, "raw", config -> config.setJdbcUrl(target.database().jdbcUrl()));
        }

        @Override
        Source lens(Target target) {
            return pool(target, this, "lens", config -> config.setJdbcUrl(target.database().querylensUrl()));
        }
    },
    HIKARI_DATA_SOURCE("HikariCP over a DataSource") {
        @Override
        Source raw(Target target) {
            return pool(target, this, "raw", config -> config.setDataSource(target.vendorDataSource()));
        }

        @Override
        Source lens(Target target) {
            return pool(target, this, "lens",
                    config -> config.setDataSource(new QueryLensDataSource(target.vendorDataSource())));
        }
    };

    /** Where a run gets its one connection from. */
    @FunctionalInterface
    interface Source {
        Connection open() throws SQLException;
    }

    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    static {
        // Cases abort and break connections on purpose. HikariCP skips the liveness check for a connection used in
        // the last 500 ms, so without this the next case could be handed the connection the previous one killed.
        System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
    }

    private final String displayName;

    AccessPath(String displayName) {
        this.displayName = displayName;
    }

    abstract Source raw(Target target);

    abstract Source lens(Target target);

    private static Source pool(Target target, AccessPath path, String side,
            java.util.function.Consumer<HikariConfig> configure) {
        HikariDataSource pool = POOLS.computeIfAbsent(target.name() + "/" + path.name() + "/" + side, key -> {
            HikariConfig config = new HikariConfig();
            // One name for both sides: HikariCP puts it in its messages, which the comparison reads.
            config.setPoolName("behaviour");
            config.setUsername(target.database().user());
            config.setPassword(target.database().password());
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(15_000);
            configure.accept(config);
            return new HikariDataSource(config);
        });
        return pool::getConnection;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
