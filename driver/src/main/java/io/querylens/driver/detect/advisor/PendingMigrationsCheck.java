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
 * {@code schema_drift} (rule {@code pending_migration}): migrations on the application's class path that the connected
 * database's history table does not list as applied ({@link MigrationScripts} for Flyway, {@link LiquibaseChangeSets}
 * for Liquibase). The application runs code written for a schema the database does not have yet. Only databases with
 * the tool's history table in the connection's default schema are checked, and a migration is reported once two runs
 * in a row found it missing ({@link PendingConfirmation}: not while the tool is applying it). Shares the
 * {@code schema_drift} name: switching that check off switches this one off too.
 */
final class PendingMigrationsCheck implements SchemaCheck {
    private final MigrationSource source;
    private final PendingConfirmation confirmation = new PendingConfirmation();
    private Map<String, String> onClassPath;

    PendingMigrationsCheck(MigrationSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return FindingKind.SCHEMA_DRIFT.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        Optional<TableMetadata> history = source.historyTable(input);
        if (history.isEmpty() || onClassPath().isEmpty()) {
            return List.of();
        }
        TableName name = input.display(history.get().resolved());
        Set<String> applied = new HashSet<>();
        try (PreparedStatement statement = input.connection().prepareStatement(
                source.appliedQuery(IndexAdvisor.qualified(input.dialect(), name)));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                applied.add(source.appliedKey(rs));
            }
        }
        List<String> pendingNow = new ArrayList<>();
        for (String migration : onClassPath().keySet()) {
            if (!applied.contains(migration)) {
                pendingNow.add(migration);
            }
        }
        List<String> pending = confirmation.confirmed(input.dataSource(), pendingNow);
        if (pending.isEmpty()) {
            return List.of();
        }
        Finding.Builder finding = AdvisorFinding.builder(FindingKind.SCHEMA_DRIFT, Severity.CRITICAL,
                input.dataSource(), name, List.of(), "pending_migration");
        source.describe(finding, input.dataSource(), pending, onClassPath());
        return List.of(finding.build());
    }

    private Map<String, String> onClassPath() {
        if (onClassPath == null) {
            try {
                onClassPath = source.onClassPath();
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return onClassPath;
    }
}
