package io.querylens.examples.shop;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import javax.sql.DataSource;

/**
 * The shop's schema changes as Flyway migrations, in two sets that start from the same V1: {@link #SAFE}
 * ({@code db/migration}) and {@link #UNSAFE} ({@code db/migration-unsafe}), whose V2 locks, breaks the previous
 * release or fails on a table with rows. Run them over a {@code QueryLensDataSource} and QueryLens sees them as
 * migrations (not DDL from application code) and reports the unsafe statements. A DataSource rather than a URL:
 * Flyway picks its database support by URL prefix, which {@code jdbc:querylens:} hides, but by product name when it
 * is given a DataSource.
 */
public enum ShopMigrations {
    SAFE("classpath:db/migration"),
    UNSAFE("classpath:db/migration-unsafe");

    private final String location;

    ShopMigrations(String location) {
        this.location = location;
    }

    public String location() {
        return location;
    }

    /** Applies the migrations up to and including {@code version} ("1" for the empty schema, "latest" for all). */
    public MigrateResult migrate(DataSource dataSource, String version) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .target(version);
        // Flyway's default holds its lock in an open transaction on a second connection, and CREATE INDEX
        // CONCURRENTLY (safe V2) waits for every open transaction: it would wait forever (flyway/flyway#3854).
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration.load().migrate();
    }
}
