package io.querylens.driver.detect.unindexed;

import io.querylens.driver.detect.unindexed.TableUsage.ExpressionPredicate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 3a: decides from the catalog alone whether a table usage's predicates are served by an index, so that the
 * common, indexed case costs no EXPLAIN. A predicate set is served when some index's leading keys are exactly its
 * equality columns (in any order), optionally followed by one range column; with no equality column, when an
 * ordered index leads with a range column. Expression keys match predicates on the same expression.
 *
 * <p>A partial index counts only when the statement's predicates imply its WHERE clause
 * ({@link PartialIndexImplication}: equality and IN on constants written in the statement, IS [NOT] NULL). A LIKE
 * whose pattern visibly starts with a wildcard is served only by a GIN or GiST (trigram) index on its column; a LIKE
 * on a {@code ?} is left alone, since its pattern is unknown. "Not served" is not a finding either: it sends the usage
 * to the plan check, which has the last word.
 */
final class IndexCoverage {
    private IndexCoverage() {
    }

    static boolean served(TableUsage usage, TableMetadata table) {
        Set<String> equality = new LinkedHashSet<>(usage.equalityColumns());
        Set<String> range = new LinkedHashSet<>(usage.rangeColumns());
        for (ExpressionPredicate predicate : usage.expressionPredicates()) {
            (predicate.range() ? range : equality).add(IndexDefinition.EXPRESSION_PREFIX + predicate.normalised());
        }
        if (equality.isEmpty() && range.isEmpty()) {
            return usage.leadingWildcardColumns().isEmpty() || patternIndexed(usage, table);
        }
        for (IndexDefinition index : table.indexes()) {
            if ((!index.isPartial() || PartialIndexImplication.implied(index.partialPredicate(), usage))
                    && serves(index, equality, range)) {
                return true;
            }
        }
        return false;
    }

    private static boolean patternIndexed(TableUsage usage, TableMetadata table) {
        for (String column : usage.leadingWildcardColumns()) {
            for (IndexDefinition index : table.indexes()) {
                boolean patternMethod = "gin".equals(index.method()) || "gist".equals(index.method());
                if (patternMethod && !index.isPartial() && !index.keys().isEmpty()
                        && index.keys().get(0).equals(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean serves(IndexDefinition index, Set<String> equality, Set<String> range) {
        List<String> keys = index.keys();
        if (equality.isEmpty()) {
            return index.isOrdered() && !keys.isEmpty() && range.contains(keys.get(0));
        }
        if (keys.size() < equality.size()) {
            return false;
        }
        for (int i = 0; i < equality.size(); i++) {
            if (!equality.contains(keys.get(i))) {
                return false;
            }
        }
        if (!index.isOrdered() && !"hash".equals(index.method())) {
            return false; // gin, gist, brin, fulltext: not an equality lookup on these keys
        }
        return !"hash".equals(index.method()) || (keys.size() == 1 && equality.size() == 1);
    }
}
