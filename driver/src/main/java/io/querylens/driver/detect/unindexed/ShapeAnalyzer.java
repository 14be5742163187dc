package io.querylens.driver.detect.unindexed;

import io.querylens.driver.detect.unindexed.AnalysisConnectionPool.Session;
import io.querylens.driver.detect.unindexed.IndexAdvisor.KeyPart;
import io.querylens.driver.detect.unindexed.PredicateExtractor.Extracted;
import io.querylens.driver.detect.unindexed.PredicateExtractor.UnresolvedColumn;
import io.querylens.driver.detect.unindexed.TableMetadata.ForeignKey;
import io.querylens.driver.detect.unindexed.TableUsage.ExpressionPredicate;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Log;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.recording.ShapeSnapshot;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One shape's analysis, start to finish: extract predicates, read the catalog, skip what an index visibly serves,
 * confirm the rest with the plan, and report what the plan shows as full scans of large tables. Analysis thread only.
 */
final class ShapeAnalyzer {
    private static final Log LOG = Log.forName("io.querylens.unindexed");
    static final String KIND = FindingKind.UNINDEXED_PREDICATE.wireName();

    private final IndexCatalog catalog = new IndexCatalog();
    /** The findings of each shape whose latest analysis flagged it, to refresh their counts ({@link #refreshCounts}). */
    private final Map<Long, List<Finding>> flagged = new java.util.HashMap<>();
    private final AnalysisConnectionPool connections;
    private final ExplainBudget budget;
    private final FindingReporter findings;
    private final ShapeRegistry shapes;
    private final long minRows;
    private final int timeoutSeconds;

    ShapeAnalyzer(AnalysisConnectionPool connections, ExplainBudget budget, FindingReporter findings,
                  ShapeRegistry shapes, long minRows, int timeoutMillis) {
        this.connections = connections;
        this.budget = budget;
        this.findings = findings;
        this.shapes = shapes;
        this.minRows = minRows;
        this.timeoutSeconds = Math.max(1, (timeoutMillis + 999) / 1000);
    }

    static boolean analysable(QueryShape shape) {
        StatementKind kind = shape.kind();
        return (kind == StatementKind.SELECT || kind == StatementKind.UPDATE || kind == StatementKind.DELETE)
                && !shape.allows(KIND);
    }

    void schemaChanged() {
        catalog.clear();
    }

    AnalysisOutcome analyse(AnalysisTask task) throws Exception {
        QueryShape shape = task.shape();
        if (!analysable(shape) || task.dialect() == Dialect.GENERIC) {
            return AnalysisOutcome.SKIPPED;
        }
        // The text as sent shows what the shape hid (constants, LIKE patterns); the shape is the fallback when that
        // text was too long to keep or does not parse.
        String sql = task.analysedSql();
        Extracted extracted;
        try {
            extracted = PredicateExtractor.extract(sql);
        } catch (PredicateExtractor.UnparsableStatement unparsable) {
            try {
                if (sql.equals(shape.text())) {
                    throw unparsable;
                }
                sql = shape.text();
                extracted = PredicateExtractor.extract(sql);
            } catch (PredicateExtractor.UnparsableStatement shapeUnparsable) {
                if (LOG.isDebugEnabled()) {
                    // The parser's message quotes the shape (never the sent text, whose literals stay private).
                    LOG.debug("QueryLens cannot parse shape " + shape.hexId() + " for index analysis; skipped: "
                            + shapeUnparsable.getMessage());
                }
                return AnalysisOutcome.SKIPPED;
            }
        }
        ExplainableText explainable = ExplainableText.of(sql, task.dialect());
        if (explainable == null || extracted.tables().isEmpty()) {
            return AnalysisOutcome.SKIPPED;
        }
        Session session = connections.sessionFor(task);
        try {
            return analyse(task, session, extracted, explainable);
        } catch (SQLException failure) {
            // The connection may be in an unknown state (a timeout mid-statement): start clean next time.
            connections.discard(task.dataSource());
            throw failure;
        }
    }

    private AnalysisOutcome analyse(AnalysisTask task, Session session, Extracted extracted,
                                    ExplainableText explainable) throws Exception {
        Map<TableUsage, TableMetadata> metadata = new IdentityHashMap<>();
        for (TableUsage usage : extracted.tables()) {
            Optional<TableMetadata> table =
                    catalog.table(task.dataSource(), task.dialect(), session.connection(), usage.table());
            table.ifPresent(t -> metadata.put(usage, t));
        }
        resolveUnqualified(extracted.unresolved(), metadata);

        List<Suspect> suspects = new ArrayList<>();
        for (TableUsage usage : extracted.tables()) {
            TableMetadata table = metadata.get(usage);
            if (table == null || table.estimatedRows() < minRows) {
                continue;
            }
            if (usage.hasFilter() && !IndexCoverage.served(usage, table)) {
                suspects.add(new Suspect(usage, table, null, false));
            } else if (castPossible(usage, table)) {
                suspects.add(new Suspect(usage, table, null, true));
            }
            for (ForeignKey key : table.foreignKeys()) {
                String leading = key.columns().get(0);
                if (usage.joinColumns().contains(leading) && !usage.equalityColumns().contains(leading)
                        && !table.hasIndexLeadingWith(leading)) {
                    suspects.add(new Suspect(usage, table, key, false));
                }
            }
        }
        flagged.remove(task.shape().id());
        if (suspects.isEmpty()) {
            return AnalysisOutcome.CLEAN;
        }
        budget.acquire();
        List<PlanScan> scans = PlanInspector.explain(session.connection(), task.dialect(), explainable, timeoutSeconds);
        List<Finding> reported = new ArrayList<>();
        Set<TableUsage> reportedUsages = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Suspect suspect : suspects) {
            PlanScan scan = fullScanOf(suspect, scans, task.dialect());
            if (scan == null) {
                continue;
            }
            String castColumn = suspect.cast() ? castColumn(suspect, scan, task.dialect()) : null;
            if ((suspect.cast() && castColumn == null)
                    || (suspect.foreignKey() == null && !suspect.cast() && !filterConfirmed(suspect.usage(), scan))
                    || !reportedUsages.add(suspect.usage())) {
                continue;
            }
            Finding finding = suspect.cast() ? castFinding(task, session, suspect, scan, castColumn)
                    : suspect.foreignKey() == null
                    ? filterFinding(task, session, suspect, scan)
                    : foreignKeyFinding(task, session, suspect, scan);
            findings.report(finding);
            reported.add(finding);
        }
        if (reported.isEmpty()) {
            return AnalysisOutcome.CLEAN;
        }
        flagged.put(task.shape().id(), List.copyOf(reported));
        return AnalysisOutcome.FLAGGED;
    }

    private static void resolveUnqualified(List<UnresolvedColumn> unresolved, Map<TableUsage, TableMetadata> metadata) {
        for (UnresolvedColumn column : unresolved) {
            TableUsage owner = null;
            int owners = 0;
            for (TableUsage candidate : column.candidates()) {
                TableMetadata table = metadata.get(candidate);
                if (table != null && table.columns().contains(column.column())) {
                    owner = candidate;
                    owners++;
                }
            }
            if (owners == 1) {
                owner.add(column.role(), column.column());
            }
        }
    }

    /**
     * An index the catalog shows serving the predicates may still be unusable: a constant of another type than the
     * column (a number against a string column, a decimal against an integer one) makes the database convert the
     * column for every row. Only constants written in the statement can show it; a {@code ?} takes the column's type.
     */
    private static boolean castPossible(TableUsage usage, TableMetadata table) {
        for (String column : usage.literalColumns()) {
            if (table.hasIndexLeadingWith(column)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The column the plan converts, or null: on PostgreSQL the scan's filter shows the cast ({@code (code)::text});
     * MySQL and MariaDB do not print it (and may still name the index, read in full), so there it is a number
     * compared with a character column, read by a full scan.
     */
    private static String castColumn(Suspect suspect, PlanScan scan, Dialect dialect) {
        for (String column : suspect.usage().literalColumns()) {
            if (!suspect.table().hasIndexLeadingWith(column)) {
                continue;
            }
            boolean converted = dialect == Dialect.POSTGRESQL
                    ? scan.castOf(column) != null
                    // MySQL compares a string column with a number as doubles: every row is converted, no lookup.
                    : suspect.usage().numberComparedColumns().contains(column)
                    && suspect.table().stringColumns().contains(column);
            if (converted) {
                return column;
            }
        }
        return null;
    }

    private Finding castFinding(AnalysisTask task, Session session, Suspect suspect, PlanScan scan, String column) {
        TableName target = suggestionTarget(suspect.usage(), suspect.table());
        String suggestion = null;
        String why;
        if (task.dialect() == Dialect.POSTGRESQL) {
            String type = scan.castOf(column);
            String expression = "(" + IndexAdvisor.quote(Dialect.POSTGRESQL, column) + ")::" + type;
            suggestion = IndexAdvisor.createIndex(Dialect.POSTGRESQL, false, target, List.of(new KeyPart(expression,
                    column + "_" + type, true)));
            why = "The plan casts " + column + " to " + type + " for every row of " + target.name() + " ("
                    + scan.describe() + ") because the statement compares it with a constant of another type: no "
                    + "index on " + column + " can serve that. Write the constant in the column's type (or bind it "
                    + "with the matching setter) and the existing index serves it; if the statement cannot change, an "
                    + "expression index on the cast serves it.";
        } else {
            why = "The index on " + column + " cannot be used: the statement compares " + column + " with a constant "
                    + "of another type (for example a number against a string column), so the database converts every "
                    + "row's value before comparing and reads all of " + target.name() + " (" + scan.describe()
                    + "). Write the constant in the column's type (quote it for a string column) or bind it with the "
                    + "matching setter; no index can serve the converted column on MariaDB.";
        }
        return finding(task, suspect, scan, target, List.of(column), suggestion, why, "implicit_cast");
    }

    private static PlanScan fullScanOf(Suspect suspect, List<PlanScan> scans, Dialect dialect) {
        TableUsage usage = suspect.usage();
        String expectedAlias = usage.alias() != null ? usage.alias() : suspect.table().resolved().name();
        for (PlanScan scan : scans) {
            if (!scan.fullScan()) {
                continue;
            }
            boolean sameTable = dialect == Dialect.POSTGRESQL
                    ? scan.table().equals(suspect.table().resolved().name()) && expectedAlias.equals(scan.alias())
                    && (scan.schema() == null || scan.schema().equals(suspect.table().resolved().schema()))
                    : scan.table().equalsIgnoreCase(expectedAlias);
            if (sameTable) {
                return scan;
            }
        }
        return null;
    }

    /** The full scan filters on the predicate's columns: the database reads every row to find a few. */
    private static boolean filterConfirmed(TableUsage usage, PlanScan scan) {
        for (String column : usage.equalityColumns()) {
            if (scan.filterMentions(column)) {
                return true;
            }
        }
        for (String column : usage.rangeColumns()) {
            if (scan.filterMentions(column)) {
                return true;
            }
        }
        for (String column : usage.likeColumns()) {
            if (scan.filterMentions(column)) {
                return true;
            }
        }
        for (ExpressionPredicate predicate : usage.expressionPredicates()) {
            if (scan.filterMentions(predicate.column())) {
                return true;
            }
        }
        return false;
    }

    private Finding filterFinding(AnalysisTask task, Session session, Suspect suspect, PlanScan scan)
            throws SQLException {
        TableUsage usage = suspect.usage();
        TableName target = suggestionTarget(usage, suspect.table());
        List<KeyPart> keys = IndexAdvisor.keysFor(usage);
        String rule;
        String suggestion;
        String why;
        List<String> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(k.sql()));
        if (keys.isEmpty()) {
            // Only LIKE predicates: a B-tree serves a LIKE only for a constant prefix, which a shape cannot show.
            rule = usage.leadingWildcardColumns().isEmpty() ? "like_pattern" : "leading_wildcard";
            String column = usage.likeColumns().iterator().next();
            columns.add(column);
            boolean trigram = catalog.trigramAvailable(task.dataSource(), task.dialect(), session.connection());
            suggestion = trigram ? IndexAdvisor.createTrigramIndex(target, column) : null;
            why = "LIKE on " + column + " makes the database read every row of " + target.name() + " (" + scan.describe()
                    + "): a B-tree index serves a LIKE only when the pattern starts with a constant prefix"
                    + (usage.leadingWildcardColumns().isEmpty() ? "" : ", and this pattern starts with a wildcard")
                    + (trigram ? ". A trigram (pg_trgm) GIN index serves any pattern."
                    : task.dialect() == Dialect.POSTGRESQL
                    ? ". Install pg_trgm (CREATE EXTENSION pg_trgm) for a trigram index, or search with a prefix."
                    : ". Consider a FULLTEXT index and MATCH … AGAINST, or a prefix search.");
        } else if (!usage.expressionPredicates().isEmpty() && usage.equalityColumns().isEmpty()
                && usage.rangeColumns().isEmpty()) {
            rule = "expression_predicate";
            ExpressionPredicate predicate = usage.expressionPredicates().get(0);
            suggestion = IndexAdvisor.createIndex(task.dialect(), session.mariaDb(), target, keys);
            boolean plainIndexExists = suspect.table().hasIndexLeadingWith(predicate.column());
            why = predicate.sql() + " is computed for every row of " + target.name() + " (" + scan.describe() + ")"
                    + (plainIndexExists ? ": the index on " + predicate.column() + " cannot serve a function of it" : "")
                    + (suggestion == null
                    ? ". MariaDB has no expression indexes: add a generated column for " + predicate.sql()
                    + ", index it and filter on that column."
                    : ". An expression index on " + predicate.sql() + " serves this predicate.");
        } else {
            rule = "unindexed_predicate";
            suggestion = IndexAdvisor.createIndex(task.dialect(), session.mariaDb(), target, keys);
            why = "No index serves the filter on " + target.name() + " (" + String.join(", ", columns)
                    + "): the database reads every row (" + scan.describe() + ", about "
                    + suspect.table().estimatedRows() + " rows in the table) and discards those that do not match. "
                    + "An index on (" + String.join(", ", columns) + ") — equality columns first, then the range "
                    + "column, then ORDER BY columns — lets it read only the matching rows.";
        }
        return finding(task, suspect, scan, target, columns, suggestion, why, rule);
    }

    private Finding foreignKeyFinding(AnalysisTask task, Session session, Suspect suspect, PlanScan scan) {
        TableName target = suggestionTarget(suspect.usage(), suspect.table());
        List<KeyPart> keys = new ArrayList<>();
        List<String> columns = new ArrayList<>(suspect.foreignKey().columns());
        columns.forEach(c -> keys.add(KeyPart.column(c)));
        String suggestion = IndexAdvisor.createIndex(task.dialect(), session.mariaDb(), target, keys);
        String why = "Foreign key " + target.name() + " (" + String.join(", ", columns) + ") referencing "
                + suspect.foreignKey().referencedTable() + " is used in a join but no index leads with it: the join "
                + "reads all of " + target.name() + " (" + scan.describe() + ", about "
                + suspect.table().estimatedRows() + " rows), and deletes or key updates on "
                + suspect.foreignKey().referencedTable() + " scan it too.";
        return finding(task, suspect, scan, target, columns, suggestion, why, "unindexed_foreign_key_join");
    }

    private Finding finding(AnalysisTask task, Suspect suspect, PlanScan scan, TableName target, List<String> columns,
                            String suggestion, String reason, String rule) {
        QueryShape shape = task.shape();
        ShapeStats stats = shapes.find(shape.id());
        ShapeSnapshot snapshot = stats == null || stats.shape().id() != shape.id() ? null : stats.snapshot();
        long executions = snapshot == null ? 0 : snapshot.executions();
        TableUsage usage = suspect.usage();
        Finding.Builder finding = Finding.builder(FindingKind.UNINDEXED_PREDICATE, Severity.WARNING)
                .fingerprint(shape.hexId())
                .sql(shape.text())
                // count: executions of the shape so far (the deduplicator keeps the largest); occurrences: this is
                // one more analysis that confirmed the problem (the deduplicator sums them).
                .count(Math.max(1, executions))
                .occurrences(1)
                .table(target.toString())
                .columns(columns)
                .suggestion(suggestion)
                .reason(reason)
                .dataSource(task.dataSource())
                .detail("rule", rule)
                .detail("planNode", scan.describe())
                .detail("planRowsEstimate", scan.rowsEstimate())
                .detail("tableRowsEstimate", suspect.table().estimatedRows())
                .detail("executions", executions)
                .detail("p95Micros", snapshot == null ? 0 : snapshot.p95Micros())
                .detail("equalityColumns", List.copyOf(usage.equalityColumns()))
                .detail("rangeColumns", List.copyOf(usage.rangeColumns()))
                .detail("orderByColumns", List.copyOf(usage.orderByColumns()))
                .detail("existingIndexes", indexNames(suspect.table()));
        if (suspect.foreignKey() != null) {
            finding.detail("referencedTable", suspect.foreignKey().referencedTable());
        }
        return finding.build();
    }

    /**
     * Reports each flagged shape's findings again with how often it has run since and its p95 now, when it ran since
     * the last refresh: analysis happens when a shape is first seen, and the size of the problem shows later. Counts
     * only, no catalog read or plan; {@code occurrences} 0, so the deduplicator's sum still counts analyses.
     */
    void refreshCounts() {
        for (Map.Entry<Long, List<Finding>> entry : flagged.entrySet()) {
            ShapeStats stats = shapes.find(entry.getKey());
            if (stats == null || stats.shape().id() != entry.getKey()) {
                continue;
            }
            ShapeSnapshot snapshot = stats.snapshot();
            List<Finding> refreshed = new ArrayList<>();
            for (Finding finding : entry.getValue()) {
                if (!(finding.details().get("executions") instanceof Long before) || before == snapshot.executions()) {
                    refreshed.add(finding);
                    continue;
                }
                Finding now = finding.toBuilder()
                        .count(Math.max(1, snapshot.executions()))
                        .occurrences(0)
                        .detail("executions", snapshot.executions())
                        .detail("p95Micros", snapshot.p95Micros())
                        .build();
                findings.report(now);
                refreshed.add(now);
            }
            entry.setValue(List.copyOf(refreshed));
        }
    }

    /** The table as the suggestion must name it: qualified when the statement qualified it. */
    private static TableName suggestionTarget(TableUsage usage, TableMetadata table) {
        return usage.table().schema() == null
                ? new TableName(null, table.resolved().name())
                : table.resolved();
    }

    private static List<String> indexNames(TableMetadata table) {
        Set<String> names = new LinkedHashSet<>();
        for (IndexDefinition index : table.indexes()) {
            names.add(index.name());
        }
        return List.copyOf(names);
    }

    /**
     * A table usage the catalog could not show to be served; {@code foreignKey} set for the join-column rule,
     * {@code cast} when an index serves it on paper but a constant of another type may defeat it.
     */
    private record Suspect(TableUsage usage, TableMetadata table, ForeignKey foreignKey, boolean cast) {
    }

    void close() {
        connections.close();
    }
}
