package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableMetadata.ForeignKey;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code missing_foreign_key}: the application joins {@code child.x = parent.y}, {@code parent.y} is the parent's
 * primary key or a unique column, and no foreign key from {@code child (x)} to the parent exists: nothing stops
 * orphaned rows. When both sides are unique (a one-to-one join on keys) the direction is unknown and nothing is
 * reported; when neither is, it is not a foreign-key relationship.
 *
 * <p>Existing orphans are counted with a bounded query ({@code LIMIT orphanScanRows} inside, so the database stops
 * after that many) under the analysis connection's statement timeout; a count that times out is reported as unknown.
 */
final class MissingForeignKeyCheck implements SchemaCheck {

    @Override
    public String name() {
        return FindingKind.MISSING_FOREIGN_KEY.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (ObservedJoin join : input.joins()) {
            Optional<TableMetadata> left = input.table(join.left());
            Optional<TableMetadata> right = input.table(join.right());
            if (left.isEmpty() || right.isEmpty() || left.get().resolved().equals(right.get().resolved())) {
                continue;
            }
            boolean leftUnique = Constraints.isUniqueColumn(left.get(), join.leftColumn());
            boolean rightUnique = Constraints.isUniqueColumn(right.get(), join.rightColumn());
            if (leftUnique == rightUnique) {
                continue;
            }
            TableMetadata child = leftUnique ? right.get() : left.get();
            String childColumn = leftUnique ? join.rightColumn() : join.leftColumn();
            TableMetadata parent = leftUnique ? left.get() : right.get();
            String parentColumn = leftUnique ? join.leftColumn() : join.rightColumn();
            if (!child.columns().contains(childColumn) || hasForeignKey(child, childColumn, parent)
                    || !reported.add(child.resolved() + "." + childColumn)) {
                continue;
            }
            findings.add(finding(input, join, child, childColumn, parent, parentColumn));
        }
        return findings;
    }

    private static boolean hasForeignKey(TableMetadata child, String column, TableMetadata parent) {
        for (ForeignKey key : child.foreignKeys()) {
            if (key.columns().equals(List.of(column)) && Constraints.referencesTable(key.referencedTable(),
                    parent.resolved().name())) {
                return true;
            }
        }
        return false;
    }

    private Finding finding(CheckInput input, ObservedJoin join, TableMetadata child, String childColumn,
                            TableMetadata parent, String parentColumn) throws SQLException {
        Dialect dialect = input.dialect();
        TableName childName = input.display(child.resolved());
        TableName parentName = input.display(parent.resolved());
        String childSql = IndexAdvisor.qualified(dialect, childName);
        String parentSql = IndexAdvisor.qualified(dialect, parentName);
        String constraint = IndexAdvisor.indexName(child.resolved().name(),
                List.of(IndexAdvisor.KeyPart.column(childColumn))).replaceFirst("^idx_", "fk_");
        String columnSql = IndexAdvisor.quote(dialect, childColumn);
        String parentColumnSql = IndexAdvisor.quote(dialect, parentColumn);
        long orphans = countOrphans(input, childSql, columnSql, parentSql, parentColumnSql);
        String suggestion;
        String how;
        if (dialect == Dialect.POSTGRESQL) {
            suggestion = "ALTER TABLE " + childSql + " ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + columnSql
                    + ") REFERENCES " + parentSql + " (" + parentColumnSql + ") NOT VALID;\n"
                    + "ALTER TABLE " + childSql + " VALIDATE CONSTRAINT " + constraint + ";";
            how = " NOT VALID adds the constraint without reading the table (new writes are checked at once); "
                    + "VALIDATE then checks existing rows without blocking writes.";
        } else {
            suggestion = "ALTER TABLE " + childSql + " ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + columnSql
                    + ") REFERENCES " + parentSql + " (" + parentColumnSql + ");";
            how = " With foreign_key_checks on, MySQL and MariaDB copy the table to add it (writes wait): run it in a "
                    + "quiet period, or use an online schema-change tool.";
        }
        String orphanText = orphans < 0 ? "Orphaned rows could not be counted in time."
                : orphans == 0 ? "No orphaned rows exist today."
                : (orphans >= input.orphanScanRows() ? "At least " : "") + orphans + " rows of " + childName.name()
                + " already point at no " + parentName.name() + " row: delete or fix them first, or validation fails.";
        String reason = "The application joins " + childName.name() + "." + childColumn + " = " + parentName.name()
                + "." + parentColumn + " (" + parentColumn + " is " + parentName.name()
                + "'s key) but no foreign key enforces it, so rows of " + childName.name() + " can point at "
                + parentName.name() + " rows that do not exist. " + orphanText + how;
        return AdvisorFinding.builder(FindingKind.MISSING_FOREIGN_KEY, orphans > 0 ? Severity.CRITICAL : Severity.WARNING,
                        input.dataSource(), childName, List.of(childColumn), "join_without_constraint")
                .sql(join.evidenceSql())
                .suggestion(suggestion)
                .reason(reason)
                .detail("referencedTable", parentName.toString())
                .detail("referencedColumns", List.of(parentColumn))
                .detail("orphanRows", orphans)
                .detail("orphanScanLimit", (long) input.orphanScanRows())
                .detail("evidenceFingerprint", join.evidenceFingerprint())
                .build();
    }

    /** Orphans up to the scan limit; 0 when counting is switched off; -1 when the count failed or timed out. */
    private static long countOrphans(CheckInput input, String child, String column, String parent,
                                     String parentColumn) {
        if (input.orphanScanRows() <= 0) {
            return 0;
        }
        String sql = "SELECT count(*) FROM (SELECT 1 FROM " + child + " o WHERE o." + column
                + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE p." + parentColumn + " = o."
                + column + ") LIMIT " + input.orphanScanRows() + ") x";
        try (PreparedStatement statement = input.connection().prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException timedOutOrRefused) {
            // The statement timeout (querylens.analysis.statementTimeoutMillis) stopped it, or the user may not read.
            return -1;
        }
    }
}
