package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code schema_drift} (rule {@code pending_migration}): Flyway migrations on the application's class path
 * ({@code querylens.advisor.migrationLocations}) that the connected database's {@code flyway_schema_history} does not
 * list as applied successfully. The application runs code written for a schema the database does not have yet. Only
 * databases with a {@code flyway_schema_history} table in the connection's default schema are checked, and a version is
 * reported once two runs in a row found it missing ({@link PendingConfirmation}: not while Flyway is applying it).
 * Shares the {@code schema_drift} name: switching that check off switches this one off too.
 */
final class PendingMigrationsCheck implements SchemaCheck {
    private static final TableName HISTORY = new TableName(null, "flyway_schema_history");

    private final List<String> locations;
    private final ClassLoader loader;
    private final PendingConfirmation confirmation = new PendingConfirmation();
    private Map<String, String> scripts;

    PendingMigrationsCheck(List<String> locations, ClassLoader loader) {
        this.locations = List.copyOf(locations);
        this.loader = loader;
    }

    @Override
    public String name() {
        return FindingKind.SCHEMA_DRIFT.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        Optional<TableMetadata> history = input.table(HISTORY);
        if (history.isEmpty() || scripts().isEmpty()) {
            return List.of();
        }
        TableName name = input.display(history.get().resolved());
        Set<String> applied = new HashSet<>();
        try (PreparedStatement statement = input.connection().prepareStatement("select version from "
                + IndexAdvisor.qualified(input.dialect(), name) + " where success and version is not null");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                applied.add(MigrationScripts.normalise(rs.getString(1)));
            }
        }
        List<String> pendingNow = new ArrayList<>();
        scripts().forEach((version, script) -> {
            if (!applied.contains(version)) {
                pendingNow.add(version);
            }
        });
        List<String> pendingVersions = confirmation.confirmed(input.dataSource(), pendingNow);
        List<String> pendingScripts = new ArrayList<>();
        pendingVersions.forEach(version -> pendingScripts.add(scripts().get(version)));
        if (pendingVersions.isEmpty()) {
            return List.of();
        }
        return List.of(AdvisorFinding.builder(FindingKind.SCHEMA_DRIFT, Severity.CRITICAL, input.dataSource(), name,
                        List.of(), "pending_migration")
                .suggestion("flyway migrate  -- or start the application with Flyway enabled")
                .reason(pendingVersions.size() + " Flyway migration(s) on the class path are not applied to "
                        + input.dataSource() + ": " + String.join(", ", pendingScripts) + ". The application's "
                        + "code expects the schema they create; queries on what they add fail until they run.")
                .detail("pendingVersions", List.copyOf(pendingVersions))
                .detail("pendingScripts", List.copyOf(pendingScripts))
                .build());
    }

    private Map<String, String> scripts() {
        if (scripts == null) {
            try {
                scripts = MigrationScripts.versions(locations, loader);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return scripts;
    }
}
