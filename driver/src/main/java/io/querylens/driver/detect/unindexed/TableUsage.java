package io.querylens.driver.detect.unindexed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table as a statement uses it (a FROM or JOIN item, or the target of an UPDATE or DELETE) and the columns its
 * predicates touch, in the order they appear. A self-join gives two usages of one table. Built by
 * {@link PredicateExtractor} on the analysis thread and only read afterwards.
 */
public final class TableUsage {
    private final TableName table;
    private final String alias;
    private final Set<String> equalityColumns = new LinkedHashSet<>();
    private final Set<String> rangeColumns = new LinkedHashSet<>();
    private final Set<String> joinColumns = new LinkedHashSet<>();
    private final Set<String> orderByColumns = new LinkedHashSet<>();
    private final Set<String> likeColumns = new LinkedHashSet<>();
    private final Set<String> leadingWildcardColumns = new LinkedHashSet<>();
    private final List<ExpressionPredicate> expressionPredicates = new ArrayList<>();
    private final Map<String, Set<String>> equalityConstants = new LinkedHashMap<>();
    private final Set<String> literalColumns = new LinkedHashSet<>();
    private final Set<String> numberComparedColumns = new LinkedHashSet<>();
    private final Set<String> nullColumns = new LinkedHashSet<>();

    TableUsage(TableName table, String alias) {
        this.table = table;
        this.alias = alias;
    }

    public TableName table() { return table; }

    /** The alias, or null when the table has none. */
    public String alias() { return alias; }

    /** Columns compared with {@code =}, {@code IN (…)} or {@code IS NULL} against values. */
    public Set<String> equalityColumns() { return equalityColumns; }

    /** Columns compared with {@code <}, {@code >}, {@code BETWEEN}. */
    public Set<String> rangeColumns() { return rangeColumns; }

    /** Columns compared with a column of another table (JOIN ON, or an implicit join in WHERE). */
    public Set<String> joinColumns() { return joinColumns; }

    public Set<String> orderByColumns() { return orderByColumns; }

    /** Columns matched with {@code LIKE}/{@code ILIKE}; whether the pattern starts with a wildcard is often unknown. */
    public Set<String> likeColumns() { return likeColumns; }

    /** Columns matched with a literal pattern that visibly starts with {@code %} or {@code _}. */
    public Set<String> leadingWildcardColumns() { return leadingWildcardColumns; }

    /** Predicates on a function of a column, such as {@code lower(email) = ?}. */
    public List<ExpressionPredicate> expressionPredicates() { return expressionPredicates; }

    /**
     * Columns compared with {@code =} or {@code IN} against constants written in the statement, with those constants
     * ({@link PredicateExtractor#literal}); empty when the text analysed was the shape, whose constants are {@code ?}.
     */
    public Map<String, Set<String>> equalityConstants() { return equalityConstants; }

    /** Columns compared with a constant written in the statement: where a constant of another type forces a cast. */
    public Set<String> literalColumns() { return literalColumns; }

    /** Columns compared with a number written in the statement. */
    public Set<String> numberComparedColumns() { return numberComparedColumns; }

    /** Columns tested with {@code IS NULL}. */
    public Set<String> nullColumns() { return nullColumns; }

    boolean hasFilter() {
        return !equalityColumns.isEmpty() || !rangeColumns.isEmpty() || !expressionPredicates.isEmpty()
                || !likeColumns.isEmpty();
    }

    void add(PredicateRole role, String column) {
        switch (role) {
            case EQUALITY -> equalityColumns.add(column);
            case RANGE -> {
                if (!equalityColumns.contains(column)) {
                    rangeColumns.add(column);
                }
            }
            case JOIN -> joinColumns.add(column);
            case ORDER_BY -> orderByColumns.add(column);
            case LIKE -> likeColumns.add(column);
            case LEADING_WILDCARD -> {
                likeColumns.add(column);
                leadingWildcardColumns.add(column);
            }
        }
    }

    void addConstants(String column, Set<String> constants) {
        literalColumns.add(column);
        for (String constant : constants) {
            if (PredicateExtractor.numeric(constant)) {
                numberComparedColumns.add(column);
            }
        }
        Set<String> known = equalityConstants.get(column);
        if (known == null) {
            equalityConstants.put(column, new LinkedHashSet<>(constants));
        } else {
            known.retainAll(constants); // a = 'x' and a in ('x', 'y'): only 'x' can match
        }
    }

    void addLiteralComparison(String column, boolean number) {
        literalColumns.add(column);
        if (number) {
            numberComparedColumns.add(column);
        }
    }

    void addNullTest(String column) {
        nullColumns.add(column);
    }

    void addExpression(ExpressionPredicate predicate) {
        if (!expressionPredicates.contains(predicate)) {
            expressionPredicates.add(predicate);
        }
    }

    @Override
    public String toString() {
        return table + (alias == null ? "" : " " + alias) + " eq=" + equalityColumns + " range=" + rangeColumns
                + " join=" + joinColumns + " order=" + orderByColumns + " like=" + likeColumns
                + " expr=" + expressionPredicates;
    }

    public enum PredicateRole {
        EQUALITY, RANGE, JOIN, ORDER_BY, LIKE, LEADING_WILDCARD
    }

    /**
     * A predicate on an expression over one column, e.g. {@code lower(email)}: {@code sql} as a statement would
     * write it (for an expression index), {@code normalised} for comparing with an index expression.
     */
    public record ExpressionPredicate(String sql, String normalised, String column, boolean range) {
    }
}
