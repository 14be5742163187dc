package io.querylens.driver.detect.advisor;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The advisor's checks, for the advisor itself and for other callers (the collector) that run them on a connection
 * of their own with {@link CheckInput#of}. Checks named in {@code querylens.advisor.disabledChecks} are left out.
 * The table-health and drift checks keep state (latest samples, differences already reported): use one list per
 * caller.
 */
public final class SchemaChecks {

    private SchemaChecks() {
    }

    public static List<SchemaCheck> configured(QueryLensConfig config, ClassLoader migrationsLoader) {
        List<String> migrationLocations = config.list(ConfigKey.ADVISOR_MIGRATION_LOCATIONS);
        Duration unusedIndexConfirm =
                Duration.ofSeconds(config.integer(ConfigKey.ADVISOR_UNUSED_INDEX_CONFIRM_SECONDS));
        List<SchemaCheck> all = List.of(
                new MissingForeignKeyCheck(),
                new UnindexedForeignKeyCheck(),
                new ImpreciseMoneyTypeCheck(),
                new UnusedIndexCheck(unusedIndexConfirm),
                new DuplicateIndexCheck(),
                new TableHealthCheck(),
                new SchemaDriftCheck(),
                new PendingMigrationsCheck(new MigrationScripts(migrationLocations, migrationsLoader)),
                new PendingMigrationsCheck(new LiquibaseChangeSets(migrationLocations, migrationsLoader)));
        List<String> disabled = config.list(ConfigKey.ADVISOR_DISABLED_CHECKS);
        List<SchemaCheck> enabled = new ArrayList<>();
        for (SchemaCheck check : all) {
            if (!disabled.contains(check.name())) {
                enabled.add(check);
            }
        }
        return List.copyOf(enabled);
    }
}
