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
 * <p>A partial index is never accepted here: the shape has replaced the constants its WHERE would have to be implied
 * by with {@code ?}, so only the database's own planner (which proves implication) can tell. "Not served" is not a
 * finding either: it sends the usage to the plan check, which has the last word.
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
            return true;
        }
        for (IndexDefinition index : table.indexes()) {
            if (!index.isPartial() && serves(index, equality, range)) {
                return true;
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
