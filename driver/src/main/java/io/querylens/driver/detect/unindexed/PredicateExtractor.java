package io.querylens.driver.detect.unindexed;

import io.querylens.driver.detect.unindexed.TableUsage.ExpressionPredicate;
import io.querylens.driver.detect.unindexed.TableUsage.PredicateRole;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Step 1 of the analysis: parses a shape's text with JSqlParser and lists, per table usage, the columns used in WHERE
 * equality and range predicates, JOIN conditions and ORDER BY, resolving aliases and schema-qualified names.
 *
 * <p>Runs on the analysis thread only: JSqlParser costs tens of microseconds and allocates heavily, which is why the
 * fingerprint lexer on the application's thread is our own. {@code CCJSqlParserUtil.newParser(sql).Statement()} is
 * used rather than {@code CCJSqlParserUtil.parse}, which runs every parse on an executor with a timeout (~1 ms).
 *
 * <p>Predicates under OR are not collected: no single composite index serves a disjunction, and reporting one branch
 * would suggest the wrong index. A column without a qualifier in a statement with several tables is kept as
 * {@link UnresolvedColumn} and attributed later, by the catalog, to the one table that has it.
 *
 * <p>Longer than our usual file because it is one visitor over JSqlParser's expression tree: the scope (aliases,
 * joins, sub-selects) is state shared by every node kind, and splitting the node handlers apart would pass that state
 * around. Splitting by statement kind is the next step if it grows further.
 */
public final class PredicateExtractor {

    /**
     * What one statement filters on; empty when the statement is not a SELECT, UPDATE or DELETE. {@code joinPairs} are
     * the {@code a.x = b.y} conditions whose both columns are qualified and resolve to two different table usages.
     */
    public record Extracted(List<TableUsage> tables, List<UnresolvedColumn> unresolved, List<JoinPair> joinPairs) {
    }

    /** One column-equals-column condition between two table usages (JOIN ON, or an implicit join in WHERE). */
    public record JoinPair(TableUsage left, String leftColumn, TableUsage right, String rightColumn) {
    }

    /** An unqualified column in a scope with several tables; {@code candidates} are that scope's tables. */
    public record UnresolvedColumn(String column, PredicateRole role, List<TableUsage> candidates) {
    }

    /** Thrown when JSqlParser cannot read the statement (a dialect corner, a truncated shape). */
    public static final class UnparsableStatement extends Exception {
        UnparsableStatement(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final List<TableUsage> tables = new ArrayList<>();
    private final List<UnresolvedColumn> unresolved = new ArrayList<>();
    private final List<JoinPair> joinPairs = new ArrayList<>();
    private final Set<String> cteNames = new HashSet<>();

    private PredicateExtractor() {
    }

    public static Extracted extract(String sql) throws UnparsableStatement {
        Statement statement = parse(sql);
        PredicateExtractor extractor = new PredicateExtractor();
        extractor.statement(statement);
        return new Extracted(List.copyOf(extractor.tables), List.copyOf(extractor.unresolved),
                List.copyOf(extractor.joinPairs));
    }

    /**
     * JSqlParser's tree of one statement, for every background reader. Texts that {@link ParseBudget} refuses (too
     * long, nested too deep: JSqlParser's time there grows faster than linearly) are never handed to the parser.
     */
    public static Statement parse(String sql) throws UnparsableStatement {
        String refused = ParseBudget.refusal(sql);
        if (refused != null) {
            throw new UnparsableStatement(refused, null);
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.newParser(sql).Statement();
        } catch (Exception | StackOverflowError failure) {
            // ParseException, TokenMgrException, or a statement nested deeper than the parser's recursion allows.
            throw new UnparsableStatement(String.valueOf(failure.getMessage()), failure);
        }
        if (statement == null) {
            throw new UnparsableStatement("empty statement", null);
        }
        return statement;
    }

    private void statement(Statement statement) {
        if (statement instanceof Select select) {
            select(select, null);
        } else if (statement instanceof Update update) {
            withItems(update.getWithItemsList(), null);
            Scope scope = new Scope(null);
            fromItem(update.getTable(), scope);
            fromItem(update.getFromItem(), scope);
            joins(update.getStartJoins(), scope);
            joins(update.getJoins(), scope);
            condition(update.getWhere(), scope);
            orderBy(update.getOrderByElements(), scope);
        } else if (statement instanceof Delete delete) {
            withItems(delete.getWithItemsList(), null);
            Scope scope = new Scope(null);
            fromItem(delete.getTable(), scope);
            if (delete.getUsingList() != null) {
                for (Table using : delete.getUsingList()) {
                    fromItem(using, scope);
                }
            }
            joins(delete.getJoins(), scope);
            condition(delete.getWhere(), scope);
            orderBy(delete.getOrderByElements(), scope);
        }
    }

    private void withItems(List<WithItem<?>> items, Scope parent) {
        if (items == null) {
            return;
        }
        for (WithItem<?> item : items) {
            if (item.getAlias() != null) {
                cteNames.add(TableName.identifier(item.getAlias().getName()));
            }
            if (item.getSelect() != null) {
                select(item.getSelect(), parent);
            }
        }
    }

    private void select(Select select, Scope parent) {
        withItems(select.getWithItemsList(), parent);
        if (select instanceof PlainSelect plain) {
            Scope scope = new Scope(parent);
            fromItem(plain.getFromItem(), scope);
            joins(plain.getJoins(), scope);
            condition(plain.getWhere(), scope);
            orderBy(plain.getOrderByElements(), scope);
        } else if (select instanceof SetOperationList union) {
            for (Select part : union.getSelects()) {
                select(part, parent);
            }
        } else if (select instanceof ParenthesedSelect parenthesed && parenthesed.getSelect() != null) {
            select(parenthesed.getSelect(), parent);
        }
    }

    private void fromItem(FromItem item, Scope scope) {
        if (item instanceof Table table) {
            if (table.getSchemaName() == null && cteNames.contains(TableName.identifier(table.getName()))) {
                scope.opaqueAliases.add(TableName.identifier(table.getName()));
                return;
            }
            String alias = table.getAlias() == null ? null : TableName.identifier(table.getAlias().getName());
            TableUsage usage = new TableUsage(TableName.of(table.getSchemaName(), table.getName()), alias);
            tables.add(usage);
            scope.tables.add(usage);
        } else if (item instanceof ParenthesedSelect derived) {
            if (derived.getAlias() != null) {
                scope.opaqueAliases.add(TableName.identifier(derived.getAlias().getName()));
            }
            if (derived.getSelect() != null) {
                select(derived.getSelect(), scope.parent);
            }
        } else if (item instanceof ParenthesedFromItem nested) {
            fromItem(nested.getFromItem(), scope);
            joins(nested.getJoins(), scope);
        }
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        // All joined tables first: an ON condition may name a table joined after it only in odd dialects, but an
        // alias must be known before any condition is read.
        for (Join join : joins) {
            fromItem(join.getFromItem(), scope);
        }
        for (Join join : joins) {
            if (join.getOnExpressions() != null) {
                for (Expression on : join.getOnExpressions()) {
                    condition(on, scope);
                }
            }
            if (join.getUsingColumns() != null) {
                for (Column column : join.getUsingColumns()) {
                    column(column, PredicateRole.JOIN, scope);
                }
            }
        }
    }

    private void orderBy(List<OrderByElement> elements, Scope scope) {
        if (elements == null) {
            return;
        }
        for (OrderByElement element : elements) {
            if (unwrap(element.getExpression()) instanceof Column column) {
                column(column, PredicateRole.ORDER_BY, scope);
            }
        }
    }

    private void condition(Expression expression, Scope scope) {
        Expression e = unwrap(expression);
        if (e == null) {
            return;
        }
        if (e instanceof AndExpression and) {
            condition(and.getLeftExpression(), scope);
            condition(and.getRightExpression(), scope);
        } else if (e instanceof EqualsTo equals) {
            comparison(equals.getLeftExpression(), equals.getRightExpression(), PredicateRole.EQUALITY, scope);
        } else if (e instanceof NotEqualsTo) {
            // A B-tree cannot narrow "<>": nothing to index.
            subqueriesIn(e, scope);
        } else if (e instanceof ComparisonOperator comparison) {
            comparison(comparison.getLeftExpression(), comparison.getRightExpression(), PredicateRole.RANGE, scope);
        } else if (e instanceof Between between) {
            if (!between.isNot() && isValue(between.getBetweenExpressionStart())
                    && isValue(between.getBetweenExpressionEnd())) {
                operand(between.getLeftExpression(), PredicateRole.RANGE, scope);
            }
        } else if (e instanceof InExpression in) {
            in(in, scope);
        } else if (e instanceof IsNullExpression isNull) {
            if (!isNull.isNot()) {
                operand(isNull.getLeftExpression(), PredicateRole.EQUALITY, scope);
                ColumnRef ref = columnRef(isNull.getLeftExpression(), scope);
                if (ref != null) {
                    ref.usage().addNullTest(ref.column());
                }
            }
        } else if (e instanceof LikeExpression like) {
            if (!like.isNot() && isValue(like.getRightExpression())) {
                boolean leadingWildcard = like.getRightExpression() instanceof StringValue pattern
                        && (pattern.getValue().startsWith("%") || pattern.getValue().startsWith("_"));
                operand(like.getLeftExpression(),
                        leadingWildcard ? PredicateRole.LEADING_WILDCARD : PredicateRole.LIKE, scope);
            }
        } else if (e instanceof ExistsExpression exists) {
            subqueriesIn(exists.getRightExpression(), scope);
        } else {
            subqueriesIn(e, scope);
        }
    }

    private void in(InExpression in, Scope scope) {
        Expression right = in.getRightExpression();
        if (right instanceof Select subquery) {
            select(subquery, scope);
            if (!in.isNot()) {
                operand(in.getLeftExpression(), PredicateRole.EQUALITY, scope);
            }
        } else if (!in.isNot() && right instanceof ExpressionList<?> list && list.stream().allMatch(this::isValue)) {
            operand(in.getLeftExpression(), PredicateRole.EQUALITY, scope);
            Set<String> constants = new LinkedHashSet<>();
            for (Object item : list) {
                String constant = literal((Expression) item);
                if (constant == null) {
                    return;
                }
                constants.add(constant);
            }
            ColumnRef ref = columnRef(in.getLeftExpression(), scope);
            if (ref != null) {
                ref.usage().addConstants(ref.column(), constants);
            }
        }
    }

    private void comparison(Expression left, Expression right, PredicateRole role, Scope scope) {
        Expression l = unwrap(left);
        Expression r = unwrap(right);
        if (l instanceof Column a && r instanceof Column b) {
            // col = col: a join condition (explicit ON or implicit in WHERE), or a correlation with an outer query.
            column(a, PredicateRole.JOIN, scope);
            column(b, PredicateRole.JOIN, scope);
            if (role == PredicateRole.EQUALITY) {
                joinPair(a, b, scope);
            }
            return;
        }
        if (isValue(r)) {
            operand(l, role, scope);
            constant(l, r, role, scope);
        } else if (isValue(l)) {
            operand(r, role, scope);
            constant(r, l, role, scope);
        }
        subqueriesIn(l, scope);
        subqueriesIn(r, scope);
    }

    /** Remembers a column compared with a constant written in the statement (not a {@code ?}). */
    private void constant(Expression columnSide, Expression valueSide, PredicateRole role, Scope scope) {
        String constant = literal(valueSide);
        ColumnRef ref = constant == null ? null : columnRef(columnSide, scope);
        if (ref == null) {
            return;
        }
        if (role == PredicateRole.EQUALITY) {
            ref.usage().addConstants(ref.column(), Set.of(constant));
        } else {
            ref.usage().addLiteralComparison(ref.column(), numeric(constant));
        }
    }

    private record ColumnRef(TableUsage usage, String column) {
    }

    /** The table usage and name of a bare (possibly parenthesised) column, when it resolves to exactly one table. */
    private static ColumnRef columnRef(Expression expression, Scope scope) {
        if (!(unwrap(expression) instanceof Column column)) {
            return null;
        }
        TableUsage usage = scope.resolve(column.getTable());
        return usage == null ? null : new ColumnRef(usage, TableName.identifier(column.getColumnName()));
    }

    /**
     * A constant written in the statement, in a form two spellings of one value share ({@code 'open'} and
     * {@code 'open'::text}; {@code 10} and {@code 10.0} as numbers): {@code 'text'} for strings, the plain decimal for
     * numbers. Null for anything else, bind markers included.
     */
    static String literal(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof CastExpression cast && !cast.isUseCastKeyword()) {
            return literal(cast.getLeftExpression());
        }
        if (e instanceof StringValue string) {
            return "'" + string.getValue() + "'";
        }
        if (e instanceof LongValue number) {
            return decimal(number.getStringValue());
        }
        if (e instanceof DoubleValue number) {
            return decimal(number.toString());
        }
        if (e instanceof SignedExpression signed && signed.getSign() == '-') {
            String magnitude = literal(signed.getExpression());
            return magnitude == null || magnitude.startsWith("'") ? null : decimal("-" + magnitude);
        }
        return null;
    }

    private static String decimal(String text) {
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notPlain) {
            return text;
        }
    }

    /** True when the literal is a number (as {@link #literal} writes it). */
    static boolean numeric(String literal) {
        return literal != null && !literal.startsWith("'");
    }

    /** The indexable side of a predicate: a column, or a function of exactly one column. */
    private void operand(Expression expression, PredicateRole role, Scope scope) {
        Expression e = unwrap(expression);
        if (e instanceof Column column) {
            column(column, role, scope);
        } else if (e instanceof CastExpression cast && !cast.isImplicitCast()
                && unwrap(cast.getLeftExpression()) instanceof Column) {
            expression(e, (Column) unwrap(cast.getLeftExpression()), role, scope);
        } else if (e instanceof Function function && function.getParameters() != null) {
            List<Column> columns = columnsIn(function);
            if (columns.size() == 1) {
                expression(e, columns.get(0), role, scope);
            }
        }
    }

    private void expression(Expression e, Column column, PredicateRole role, Scope scope) {
        if (role != PredicateRole.EQUALITY && role != PredicateRole.RANGE) {
            return;
        }
        TableUsage usage = scope.resolve(column.getTable());
        if (usage == null) {
            return;
        }
        String columnName = TableName.identifier(column.getColumnName());
        // The expression as the index must be written: without the table qualifier.
        Column bare = new Column(column.getColumnName());
        String sql = e.toString().replace(column.toString(), bare.toString());
        usage.addExpression(new ExpressionPredicate(sql, IndexCatalog.normaliseExpression(sql), columnName,
                role == PredicateRole.RANGE));
    }

    private void joinPair(Column a, Column b, Scope scope) {
        if (a.getTable() == null || a.getTable().getName() == null
                || b.getTable() == null || b.getTable().getName() == null) {
            return;
        }
        TableUsage left = scope.resolve(a.getTable());
        TableUsage right = scope.resolve(b.getTable());
        if (left != null && right != null && left != right) {
            joinPairs.add(new JoinPair(left, TableName.identifier(a.getColumnName()), right,
                    TableName.identifier(b.getColumnName())));
        }
    }

    private void column(Column column, PredicateRole role, Scope scope) {
        String name = TableName.identifier(column.getColumnName());
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            List<TableUsage> candidates = scope.visibleTables();
            if (candidates.size() == 1) {
                candidates.get(0).add(role, name);
            } else if (!candidates.isEmpty()) {
                unresolved.add(new UnresolvedColumn(name, role, candidates));
            }
            return;
        }
        TableUsage usage = scope.resolve(qualifier);
        if (usage != null) {
            usage.add(role, name);
        }
    }

    private void subqueriesIn(Expression expression, Scope scope) {
        if (expression == null) {
            return;
        }
        if (expression instanceof Select subquery) {
            select(subquery, scope);
            return;
        }
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(ParenthesedSelect subquery, S context) {
                select(subquery, scope);
                return null;
            }
        }, null);
    }

    /** True for a value the database knows before reading the table: a bind marker, literal, or a function of them. */
    private boolean isValue(Expression expression) {
        Expression e = unwrap(expression);
        if (e == null || e instanceof Select) {
            return e != null;
        }
        return columnsIn(e).isEmpty();
    }

    private static List<Column> columnsIn(Expression expression) {
        List<Column> columns = new ArrayList<>();
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                // JSqlParser reads bare words such as true, current_date or a PostgreSQL interval unit as columns.
                String name = column.getColumnName().toLowerCase(Locale.ROOT);
                if (column.getTable() != null || !PSEUDO_COLUMNS.contains(name)) {
                    columns.add(column);
                }
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect subquery, S context) {
                return null;
            }
        }, null);
        return columns;
    }

    private static final Set<String> PSEUDO_COLUMNS = Set.of("true", "false", "current_date", "current_time",
            "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user", "user", "null");

    /**
     * Removes parentheses. JSqlParser 5 reads {@code (a = ? and b = ?)} as a one-element
     * {@link ParenthesedExpressionList}, older grammars as {@link Parenthesis}: both are only grouping.
     */
    static Expression unwrap(Expression expression) {
        Expression e = expression;
        while (true) {
            if (e instanceof Parenthesis parenthesis) {
                e = parenthesis.getExpression();
            } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                e = list.get(0);
            } else {
                return e;
            }
        }
    }

    /** The tables one SELECT (or UPDATE/DELETE) can see, and the scope of the query it is nested in. */
    private static final class Scope {
        final Scope parent;
        final List<TableUsage> tables = new ArrayList<>();
        final Set<String> opaqueAliases = new HashSet<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        List<TableUsage> visibleTables() {
            return opaqueAliases.isEmpty() ? tables : List.of();
        }

        /** The usage a qualifier ({@code u}, {@code users}, {@code app.users}) names here or in an outer query. */
        TableUsage resolve(Table qualifier) {
            if (qualifier == null || qualifier.getName() == null) {
                List<TableUsage> visible = visibleTables();
                return visible.size() == 1 ? visible.get(0) : null;
            }
            String name = TableName.identifier(qualifier.getName());
            String schema = qualifier.getSchemaName() == null ? null : TableName.identifier(qualifier.getSchemaName());
            for (Scope s = this; s != null; s = s.parent) {
                if (schema == null && s.opaqueAliases.contains(name)) {
                    return null;
                }
                for (TableUsage usage : s.tables) {
                    if (schema == null && name.equals(usage.alias())) {
                        return usage;
                    }
                }
                for (TableUsage usage : s.tables) {
                    if (usage.alias() == null && name.equals(usage.table().name())
                            && (schema == null || schema.equals(usage.table().schema()))) {
                        return usage;
                    }
                }
            }
            return null;
        }
    }
}
