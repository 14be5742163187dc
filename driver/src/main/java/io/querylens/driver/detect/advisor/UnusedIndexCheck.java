package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexDefinition;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unused_index}: an index no query has read since the statistics began: PostgreSQL's
 * {@code pg_stat_user_indexes.idx_scan} (kept across restarts since PostgreSQL 15, cleared by
 * {@code pg_stat_reset()}), MySQL's and MariaDB's {@code performance_schema.table_io_waits_summary_by_index_usage}
 * (what {@code sys.schema_unused_indexes} reads; since the server started, and only with performance_schema on).
 * Never proposed: primary keys, unique indexes (they enforce a constraint) and the only index serving a foreign key
 * (MySQL needs it; on PostgreSQL deletes on the parent would scan). Statistics are per server: an index used only on a
 * replica looks unused on the primary, which the reason says. An index is reported once runs at least
 * {@code querylens.advisor.unusedIndexConfirmSeconds} apart all found it unscanned ({@link UnscannedConfirmation}).
 */
final class UnusedIndexCheck implements SchemaCheck {
    private static final String POSTGRES_SCANS = """
            select indexrelname, idx_scan,
                   (select stats_reset from pg_stat_database where datname = current_database())
            from pg_stat_user_indexes where relid = to_regclass(?)""";
    private static final String MYSQL_SCANS = """
            select INDEX_NAME, COUNT_STAR, null from performance_schema.table_io_waits_summary_by_index_usage
            where OBJECT_SCHEMA = ? and OBJECT_NAME = ? and INDEX_NAME is not null""";

    private final UnscannedConfirmation confirmation;

    /** @param confirmAfter how long an index must stay unscanned, across runs, before it is reported (zero: at once) */
    UnusedIndexCheck(Duration confirmAfter) {
        this.confirmation = new UnscannedConfirmation(confirmAfter.toNanos());
    }

    @Override
    public String name() {
        return FindingKind.UNUSED_INDEX.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (input.dialect() != Dialect.POSTGRESQL && !performanceSchemaOn(input)) {
            return findings;
        }
        for (TableMetadata table : input.resolvedTables()) {
            Map<String, Long> scans = new HashMap<>();
            String since = null;
            try (PreparedStatement statement = input.connection().prepareStatement(
                    input.dialect() == Dialect.POSTGRESQL ? POSTGRES_SCANS : MYSQL_SCANS)) {
                if (input.dialect() == Dialect.POSTGRESQL) {
                    statement.setString(1, quoted(table.resolved()));
                } else {
                    statement.setString(1, table.resolved().schema());
                    statement.setString(2, table.resolved().name());
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        scans.put(rs.getString(1), rs.getLong(2));
                        since = rs.getString(3);
                    }
                }
            }
            List<IndexDefinition> candidates = new ArrayList<>();
            for (IndexDefinition index : table.indexes()) {
                Long count = scans.get(index.name());
                if (count == null || count > 0 || index.primary() || index.unique()
                        || Constraints.neededByForeignKey(table, index)) {
                    continue;
                }
                candidates.add(index);
            }
            List<String> confirmed = confirmation.confirmed(input.dataSource(), table.resolved(),
                    candidates.stream().map(IndexDefinition::name).toList(), since, System.nanoTime());
            for (IndexDefinition index : candidates) {
                if (confirmed.contains(index.name())) {
                    findings.add(finding(input, table, index, since));
                }
            }
        }
        return findings;
    }

    private static boolean performanceSchemaOn(CheckInput input) throws SQLException {
        try (PreparedStatement statement = input.connection().prepareStatement("select @@performance_schema");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    private static Finding finding(CheckInput input, TableMetadata table, IndexDefinition index, String since)
            throws SQLException {
        TableName name = input.display(table.resolved());
        String window = input.dialect() == Dialect.POSTGRESQL
                ? (since == null ? "since statistics began" : "since statistics were reset at " + since)
                : "since the server started";
        Finding.Builder finding = AdvisorFinding.builder(FindingKind.UNUSED_INDEX, Severity.INFO, input.dataSource(),
                        name, index.keys(), "no_scans")
                .suggestion(IndexDrops.drop(input, table, index))
                .reason("No query has read index " + index.name() + " (" + String.join(", ", index.keys()) + ") on "
                        + name.name() + " " + window + ", yet every write maintains it. Before dropping it, check "
                        + "replicas (their statistics are their own) and rare jobs (month-end reports).")
                .detail("index", index.name());
        if (since != null) {
            finding.detail("statisticsSince", since);
        }
        return finding.build();
    }

    private static String quoted(TableName table) {
        String name = '"' + table.name().replace("\"", "\"\"") + '"';
        return table.schema() == null ? name : '"' + table.schema().replace("\"", "\"\"") + "\"." + name;
    }
}
