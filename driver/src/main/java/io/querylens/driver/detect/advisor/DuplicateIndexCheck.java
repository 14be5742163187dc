package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexDefinition;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code duplicate_index}: an index whose keys are the same as, or a leading prefix of, another index's on the same
 * table with the same access method and partial predicate. The longer index serves every lookup the shorter one does,
 * while each write maintains both. An index that backs a constraint (primary key, unique) is never proposed for
 * dropping; for an exact duplicate of a unique index the plain one goes.
 */
final class DuplicateIndexCheck implements SchemaCheck {

    @Override
    public String name() {
        return FindingKind.DUPLICATE_INDEX.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (TableMetadata table : input.resolvedTables()) {
            List<IndexDefinition> indexes = table.indexes();
            for (IndexDefinition redundant : indexes) {
                if (redundant.unique() || redundant.primary() || redundant.keys().isEmpty()) {
                    continue;
                }
                IndexDefinition covering = coveringIndex(redundant, indexes);
                if (covering != null) {
                    findings.add(finding(input, table, redundant, covering));
                }
            }
        }
        return findings;
    }

    /** The index that makes {@code redundant} unnecessary, or null; of two identical plain indexes, the first by name stays. */
    private static IndexDefinition coveringIndex(IndexDefinition redundant, List<IndexDefinition> indexes) {
        for (IndexDefinition other : indexes) {
            if (other == redundant || !other.method().equals(redundant.method())
                    || !Objects.equals(other.partialPredicate(), redundant.partialPredicate())
                    || other.keys().size() < redundant.keys().size()
                    || !other.keys().subList(0, redundant.keys().size()).equals(redundant.keys())) {
                continue;
            }
            boolean identical = other.keys().size() == redundant.keys().size();
            if (!identical || other.unique() || other.primary() || other.name().compareTo(redundant.name()) < 0) {
                return other;
            }
        }
        return null;
    }

    private static Finding finding(CheckInput input, TableMetadata table, IndexDefinition redundant,
                                   IndexDefinition covering) throws SQLException {
        TableName name = input.display(table.resolved());
        boolean identical = covering.keys().size() == redundant.keys().size();
        return AdvisorFinding.builder(FindingKind.DUPLICATE_INDEX, Severity.WARNING, input.dataSource(), name,
                        redundant.keys(), identical ? "identical_index" : "prefix_index")
                .suggestion(IndexDrops.drop(input, table, redundant))
                .reason("Index " + redundant.name() + " (" + String.join(", ", redundant.keys()) + ") on " + name.name()
                        + (identical ? " has the same keys as " : " is a leading prefix of ") + covering.name() + " ("
                        + String.join(", ", covering.keys()) + "), which serves every lookup it serves. Each insert, "
                        + "update and delete still maintains both, and both take memory and disk.")
                .detail("index", redundant.name())
                .detail("coveredBy", covering.name())
                .build();
    }
}
