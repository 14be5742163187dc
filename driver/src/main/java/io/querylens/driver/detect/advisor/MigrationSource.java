package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.finding.Finding;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One migration tool as {@link PendingMigrationsCheck} sees it: the migrations on the class path, each under the key
 * the tool's history table records it by, and how a finding names the ones the database lacks.
 */
interface MigrationSource {

    /** The tool's history table in the connection's default schema, or empty where the tool has not run. */
    Optional<TableMetadata> historyTable(CheckInput input) throws SQLException;

    /** A query over {@code historyTable} (already qualified and quoted) listing the migrations applied. */
    String appliedQuery(String historyTable);

    /** The key of the migration one row of {@link #appliedQuery} records. */
    String appliedKey(ResultSet row) throws SQLException;

    /** Key to the file (relative to its folder) defining it, in the order a finding lists them. */
    Map<String, String> onClassPath() throws IOException;

    /** Suggestion, reason and tool-specific details for the confirmed {@code pending} keys. */
    void describe(Finding.Builder finding, String dataSource, List<String> pending, Map<String, String> files);

    /** The end of every reason: why a pending migration matters whatever the tool. */
    static String notApplied(String counted, String dataSource, String which) {
        return counted + " on the class path are not applied to " + dataSource + ": " + which + ". The application's "
                + "code expects the schema they create; queries on what they add fail until they run.";
    }
}
