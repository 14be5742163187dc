package io.querylens.examples.spring;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.SQLException;

/**
 * One {@code spring_shop_test} database per test JVM, shared by every Spring context the tests start: creating it
 * again would end (DROP … WITH (FORCE)) the connections of a context Spring keeps cached.
 */
final class ShopDatabase {
    private static TestDatabase database;

    private ShopDatabase() {
    }

    /** The data source of the application under test: the embedded PostgreSQL, through the QueryLens driver. */
    static synchronized void register(DynamicPropertyRegistry properties) throws SQLException {
        if (database == null) {
            database = TestDatabases.postgres().createDatabase("spring_shop_test");
        }
        TestDatabase shop = database;
        properties.add("spring.datasource.url", shop::querylensUrl);
        properties.add("spring.datasource.username", shop::user);
        properties.add("spring.datasource.password", shop::password);
    }
}
