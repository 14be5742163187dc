package io.querylens.driver.detect.unindexed;

import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.PlainSelect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a statement's predicates imply a partial index's WHERE clause, so that the index can serve it. Proved for
 * the forms partial indexes are written in: a conjunction of {@code col = constant}, {@code col IN (constants)}
 * (PostgreSQL prints it {@code col = ANY (ARRAY[…])}), {@code col IS NULL} and {@code col IS NOT NULL}. The statement
 * must pin each such column to constants the index admits ({@code status = 'open'} implies {@code status IN ('open',
 * 'held')}); a {@code ?} pins nothing, since its value is not known until it is bound. Anything else is not
 * proved, and the plan has the last word.
 *
 * <p>Analysis thread only: JSqlParser parses the predicate on each call (a catalog read is rarer than a parse).
 */
final class PartialIndexImplication {
    private PartialIndexImplication() {
    }

    static boolean implied(String partialPredicate, TableUsage usage) {
        Expression where;
        try {
            PlainSelect select = (PlainSelect) CCJSqlParserUtil.newParser("SELECT 1 WHERE " + partialPredicate)
                    .Statement();
            where = select.getWhere();
        } catch (Exception | StackOverflowError unparsable) {
            return false;
        }
        List<Expression> conjuncts = new ArrayList<>();
        conjuncts(where, conjuncts);
        for (Expression conjunct : conjuncts) {
            if (!impliedConjunct(conjunct, usage)) {
                return false;
            }
        }
        return !conjuncts.isEmpty();
    }

    private static void conjuncts(Expression expression, List<Expression> into) {
        Expression e = PredicateExtractor.unwrap(expression);
        if (e instanceof AndExpression and) {
            conjuncts(and.getLeftExpression(), into);
            conjuncts(and.getRightExpression(), into);
        } else if (e != null) {
            into.add(e);
        }
    }

    private static boolean impliedConjunct(Expression conjunct, TableUsage usage) {
        if (conjunct instanceof IsNullExpression isNull) {
            String column = column(isNull.getLeftExpression());
            if (column == null) {
                return false;
            }
            // A comparison with anything is false for NULL: the statement's rows all have a value there.
            return isNull.isNot()
                    ? usage.equalityColumns().contains(column) && !usage.nullColumns().contains(column)
                    || usage.rangeColumns().contains(column) || usage.likeColumns().contains(column)
                    : usage.nullColumns().contains(column);
        }
        String column;
        Set<String> admitted = new LinkedHashSet<>();
        if (conjunct instanceof EqualsTo equals) {
            column = column(equals.getLeftExpression());
            Expression right = PredicateExtractor.unwrap(equals.getRightExpression());
            if (column == null) {
                column = column(right);
                right = PredicateExtractor.unwrap(equals.getLeftExpression());
            }
            if (right instanceof Function any && "any".equalsIgnoreCase(any.getName()) && any.getParameters() != null
                    && any.getParameters().size() == 1
                    && any.getParameters().get(0) instanceof ArrayConstructor array) {
                if (!constants(array.getExpressions(), admitted)) {
                    return false;
                }
            } else {
                String constant = PredicateExtractor.literal(right);
                if (constant == null) {
                    return false;
                }
                admitted.add(constant);
            }
        } else if (conjunct instanceof InExpression in && !in.isNot()
                && in.getRightExpression() instanceof ExpressionList<?> list) {
            column = column(in.getLeftExpression());
            if (!constants(list, admitted)) {
                return false;
            }
        } else {
            return false;
        }
        Set<String> pinned = column == null ? null : usage.equalityConstants().get(column);
        return pinned != null && !pinned.isEmpty() && admitted.containsAll(pinned);
    }

    private static boolean constants(List<?> expressions, Set<String> into) {
        if (expressions == null) {
            return false;
        }
        for (Object item : expressions) {
            String constant = item instanceof Expression e ? PredicateExtractor.literal(e) : null;
            if (constant == null) {
                return false;
            }
            into.add(constant);
        }
        return true;
    }

    /** The column name of {@code col}, {@code (col)} or {@code (col)::text} (PostgreSQL prints such casts). */
    private static String column(Expression expression) {
        Expression e = PredicateExtractor.unwrap(expression);
        if (e instanceof net.sf.jsqlparser.expression.CastExpression cast && !cast.isUseCastKeyword()) {
            e = PredicateExtractor.unwrap(cast.getLeftExpression());
        }
        return e instanceof Column column ? TableName.identifier(column.getColumnName()) : null;
    }
}
