package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Starts a schema finding. Schema findings have no query shape of their own, so the fingerprint is derived from what
 * the problem is about (kind, data source, table, columns, rule): the same problem seen in every run is one finding
 * for the deduplicator, and two problems on one table are two.
 */
final class AdvisorFinding {

    private AdvisorFinding() {
    }

    static Finding.Builder builder(FindingKind kind, Severity severity, String dataSource, TableName table,
                                   List<String> columns, String rule) {
        String tableName = table == null ? null : table.toString();
        return Finding.builder(kind, severity)
                .fingerprint(fingerprint(kind.wireName() + '|' + dataSource + '|' + tableName + '|' + columns + '|' + rule))
                .count(1)
                .occurrences(1)
                .table(tableName)
                .columns(columns)
                .dataSource(dataSource)
                .detail("rule", rule);
    }

    private static String fingerprint(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(impossible);
        }
    }
}
