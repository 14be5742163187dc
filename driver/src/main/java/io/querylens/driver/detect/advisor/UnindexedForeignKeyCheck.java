package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.IndexAdvisor.KeyPart;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableMetadata.ForeignKey;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unindexed_foreign_key}: a foreign key of a table the application touches whose columns lead no index. Every
 * delete (or key update) on the parent must then scan the child for referencing rows, and joins from the parent read
 * all of it. MySQL and MariaDB create such an index with the constraint, so this fires on PostgreSQL in practice.
 *
 * <p>The unindexed-predicate detector reports the same gap per query shape (rule {@code unindexed_foreign_key_join})
 * when a plan shows the scan; this check covers every foreign key, joined or not.
 */
final class UnindexedForeignKeyCheck implements SchemaCheck {

    @Override
    public String name() {
        return FindingKind.UNINDEXED_FOREIGN_KEY.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (TableMetadata table : input.resolvedTables()) {
            for (ForeignKey key : table.foreignKeys()) {
                if (Constraints.isIndexed(table, key)) {
                    continue;
                }
                TableName name = input.display(table.resolved());
                List<KeyPart> keys = new ArrayList<>();
                key.columns().forEach(c -> keys.add(KeyPart.column(c)));
                String columns = String.join(", ", key.columns());
                findings.add(AdvisorFinding.builder(FindingKind.UNINDEXED_FOREIGN_KEY, Severity.WARNING,
                                input.dataSource(), name, key.columns(), "foreign_key_without_index")
                        .suggestion(IndexAdvisor.createIndex(input.dialect(), input.mariaDb(), name, keys))
                        .reason("Foreign key " + name.name() + " (" + columns + ") references " + key.referencedTable()
                                + " but no index leads with (" + columns + "): each delete or key update on "
                                + key.referencedTable() + " scans " + name.name() + " (about "
                                + Math.max(0, table.estimatedRows()) + " rows) for referencing rows, under lock, "
                                + "and joins from " + key.referencedTable() + " read all of it.")
                        .detail("referencedTable", key.referencedTable())
                        .detail("tableRowsEstimate", table.estimatedRows())
                        .build());
            }
        }
        return findings;
    }
}
