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

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One N+1 is one finding with its real count however QueryLens is wired in: a HikariCP pool over the URL prefix, the
 * DataSource wrapper over a pool, and both at once (the wrapper must not watch an already-watched connection again).
 */
class PooledConnectionsTest {

    enum Wiring { POOL_OVER_URL_PREFIX, WRAPPER_OVER_POOL, WRAPPER_OVER_POOL_OVER_URL_PREFIX }

    static Stream<Arguments> wirings() throws SQLException {
        List<Arguments> cases = new ArrayList<>();
        for (TestDatabase database : ShopDatabase.freshOnBothServers("nplusone_pool")) {
            for (Wiring wiring : Wiring.values()) {
                cases.add(Arguments.of(database.kind(), wiring, database));
            }
        }
        return cases.stream();
    }

    private static HikariDataSource pool(String url, TestDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wirings")
    void nPlusOneIsCountedOnceWhateverTheWiring(Object kind, Wiring wiring, TestDatabase database)
            throws SQLException {
        Lens.fresh(); // before the pool opens: a connection keeps the engine it was opened with
        HikariDataSource pool = pool(wiring == Wiring.WRAPPER_OVER_POOL ? database.jdbcUrl() : database.querylensUrl(),
                database);
        try (pool) {
            DataSource dataSource = wiring == Wiring.POOL_OVER_URL_PREFIX ? pool : new QueryLensDataSource(pool);
            try (Connection connection = dataSource.getConnection()) {
                new OrderReports(connection).ownerNamesOneByOne(9);
            }
        }
        assertThat(Lens.findings(FindingKind.N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(9);
            assertThat(f.callSite()).startsWith("com.example.shop.OrderReports.ownerNamesOneByOne(");
        });
    }
}
