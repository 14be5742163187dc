package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.QueryLensDataSource;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wirings {@link PooledConnectionsTest} leaves out: HikariCP over {@code QueryLensDataSource} named by class
 * ({@code dataSourceClassName}, the setup Spring and HikariCP users write), with a plain URL and with the
 * {@code jdbc:querylens:} URL too. Still one finding with the real count.
 */
class PoolOverDataSourceWrapperTest {
    enum Wiring { POOL_OVER_WRAPPER, POOL_OVER_WRAPPER_OVER_URL_PREFIX }

    static Stream<Arguments> wirings() throws SQLException {
        List<Arguments> cases = new ArrayList<>();
        for (TestDatabase database : ShopDatabase.freshOnBothServers("nplusone_pool_wrapper")) {
            for (Wiring wiring : Wiring.values()) {
                cases.add(Arguments.of(database.kind(), wiring, database));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wirings")
    void nPlusOneThroughAPoolOfTheDataSourceWrapperIsCountedOnce(Object kind, Wiring wiring, TestDatabase database)
            throws SQLException {
        Lens.fresh(); // before the pool opens: a connection keeps the engine it was opened with
        HikariConfig config = new HikariConfig();
        config.setDataSourceClassName(QueryLensDataSource.class.getName());
        config.addDataSourceProperty("url",
                wiring == Wiring.POOL_OVER_WRAPPER ? database.jdbcUrl() : database.querylensUrl());
        config.addDataSourceProperty("user", database.user());
        config.addDataSourceProperty("password", database.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config);
             Connection connection = pool.getConnection()) {
            new OrderReports(connection).ownerNamesOneByOne(9);
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(9);
            assertThat(f.callSite()).startsWith("com.example.shop.OrderReports.ownerNamesOneByOne(");
        });
    }
}
