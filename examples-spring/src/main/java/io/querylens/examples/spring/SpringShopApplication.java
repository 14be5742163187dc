package io.querylens.examples.spring;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.sql.SQLException;
import java.util.Map;

/**
 * A Spring Boot shop watched by QueryLens through its data-source URL ({@code jdbc:querylens:postgresql:…}); HikariCP
 * finds the QueryLens driver through {@link java.sql.DriverManager}.
 *
 * <p>Run it with {@code spring.datasource.url} (and user, password) pointing at your PostgreSQL, prefixed with
 * {@code jdbc:querylens:}; without one, {@link #main} starts an embedded PostgreSQL 17 and uses that.
 */
@SpringBootApplication
public class SpringShopApplication {

    public static void main(String[] args) throws SQLException {
        SpringApplication application = new SpringApplication(SpringShopApplication.class);
        if (System.getProperty("spring.datasource.url") == null && System.getenv("SPRING_DATASOURCE_URL") == null) {
            application.setDefaultProperties(embeddedDatabase());
        }
        application.run(args);
    }

    /** Data-source properties for a fresh {@code spring_shop} database on an embedded PostgreSQL, through QueryLens. */
    static Map<String, Object> embeddedDatabase() throws SQLException {
        TestDatabase shop = TestDatabases.postgres().createDatabase("spring_shop");
        return Map.of(
                "spring.datasource.url", shop.querylensUrl(),
                "spring.datasource.username", shop.user(),
                "spring.datasource.password", shop.password());
    }
}
