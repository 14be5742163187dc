package io.querylens.driver.detect.unindexed;

import java.util.List;

/**
 * One index as the catalog describes it. {@code keys} are its key columns in order: a column name, or for an
 * expression key the expression normalised by {@link IndexCatalog#normaliseExpression} and prefixed {@code expr:}.
 * {@code partialPredicate} is the WHERE of a partial index, null otherwise; {@code method} is the access method
 * ({@code btree}, {@code hash}, {@code gin}; MySQL's {@code BTREE}, {@code FULLTEXT} lower-cased).
 */
public record IndexDefinition(String name, List<String> keys, String method, boolean unique, boolean primary,
                       String partialPredicate) {

    public static final String EXPRESSION_PREFIX = "expr:";

    public boolean isPartial() {
        return partialPredicate != null;
    }

    public boolean isOrdered() {
        return "btree".equals(method);
    }
}
