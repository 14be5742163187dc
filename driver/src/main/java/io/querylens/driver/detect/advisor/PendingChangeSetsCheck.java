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
 * {@code schema_drift} (rule {@code pending_migration}, {@code tool = liquibase}): Liquibase change sets on the
 * application's class path ({@link LiquibaseChangeSets}, in {@code querylens.advisor.migrationLocations} and Spring
 * Boot's default {@code db/changelog}) that the connected database's {@code databasechangelog} does not list. A change
 * set is identified by author and id (the file name Liquibase records depends on how the changelog was included, so
 * it is not compared). Only databases with a {@code databasechangelog} table in the connection's default schema are
 * checked, and a change set is reported once two runs in a row found it missing ({@link PendingConfirmation}: not
 * while Liquibase is applying it). Shares the {@code schema_drift} name with the other drift checks.
 */
final class PendingChangeSetsCheck implements SchemaCheck {
    static final String DEFAULT_LOCATION = "db/changelog";

    private final List<String> locations;
    private final ClassLoader loader;
    private final PendingConfirmation confirmation = new PendingConfirmation();
    private Map<String, String> changeSets;

    PendingChangeSetsCheck(List<String> locations, ClassLoader loader) {
        List<String> all = new ArrayList<>(locations);
        if (!all.contains(DEFAULT_LOCATION) && !all.contains("classpath:" + DEFAULT_LOCATION)) {
            all.add(DEFAULT_LOCATION);
        }
        this.locations = List.copyOf(all);
        this.loader = loader;
    }

    @Override
    public String name() {
        return FindingKind.SCHEMA_DRIFT.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        Optional<TableMetadata> history = historyTable(input);
        if (history.isEmpty() || changeSets().isEmpty()) {
            return List.of();
        }
        TableName name = input.display(history.get().resolved());
        Set<String> applied = new HashSet<>();
        try (PreparedStatement statement = input.connection().prepareStatement("select author, id from "
                + IndexAdvisor.qualified(input.dialect(), name));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                applied.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        List<String> pendingNow = new ArrayList<>();
        changeSets().forEach((changeSet, file) -> {
            if (!applied.contains(changeSet)) {
                pendingNow.add(changeSet);
            }
        });
        List<String> pending = confirmation.confirmed(input.dataSource(), pendingNow);
        List<String> files = new ArrayList<>();
        for (String changeSet : pending) {
            String file = changeSets().get(changeSet);
            if (!files.contains(file)) {
                files.add(file);
            }
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        return List.of(AdvisorFinding.builder(FindingKind.SCHEMA_DRIFT, Severity.CRITICAL, input.dataSource(), name,
                        List.of(), "pending_migration")
                .suggestion("liquibase update  -- or start the application with Liquibase enabled")
                .reason(pending.size() + " Liquibase change set(s) on the class path are not applied to "
                        + input.dataSource() + ": " + String.join(", ", pending) + " (in " + String.join(", ", files)
                        + "). The application's code expects the schema they create; queries on what they add fail "
                        + "until they run.")
                .detail("tool", "liquibase")
                .detail("pendingChangeSets", List.copyOf(pending))
                .detail("pendingFiles", List.copyOf(files))
                .build());
    }

    /** Liquibase names its table in upper case on MySQL and lower case on PostgreSQL (unquoted there). */
    private static Optional<TableMetadata> historyTable(CheckInput input) throws SQLException {
        Optional<TableMetadata> lower = input.table(new TableName(null, "databasechangelog"));
        return lower.isPresent() ? lower : input.table(new TableName(null, "DATABASECHANGELOG"));
    }

    private Map<String, String> changeSets() {
        if (changeSets == null) {
            try {
                changeSets = LiquibaseChangeSets.changeSets(locations, loader);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return changeSets;
    }
}
