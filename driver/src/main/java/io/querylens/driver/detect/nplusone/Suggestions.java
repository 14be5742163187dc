package io.querylens.driver.detect.nplusone;

import java.util.List;

/** The fix each finding proposes, worded for the access style the stack showed when the call site was captured. */
final class Suggestions {
    private Suggestions() {
    }

    static String forNPlusOne(boolean hibernate, String table, List<String> columns) {
        String target = table == null ? "the repeated table" : table;
        String column = columns.isEmpty() ? "key" : String.join(", ", columns);
        if (hibernate) {
            return "Load the association together with the parent query: use JOIN FETCH in the JPQL/HQL query, or an"
                    + " entity graph (@EntityGraph, or the jakarta.persistence.fetchgraph hint); for collections that"
                    + " cannot be joined, enable batch fetching (@BatchSize or hibernate.default_batch_fetch_size)"
                    + " so " + target + " is read in a few queries instead of one per row.";
        }
        return "Read " + target + " once for all rows: JOIN it in the parent query, or collect the " + column
                + " values from the parent's rows and run one query with WHERE " + column + " IN (...).";
    }

    static String forRepeatedQuery(boolean hibernate) {
        if (hibernate) {
            return "The same query with the same parameters ran repeatedly: load it once before the loop, or use"
                    + " the persistence context (find by id) or a second-level/query cache.";
        }
        return "The same query with the same parameters ran repeatedly: run it once before the loop and reuse the"
                + " result, or cache it.";
    }
}
