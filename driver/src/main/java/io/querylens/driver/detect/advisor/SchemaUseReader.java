package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.PredicateExtractor;
import io.querylens.driver.detect.unindexed.PredicateExtractor.Extracted;
import io.querylens.driver.detect.unindexed.PredicateExtractor.JoinPair;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.detect.unindexed.TableUsage;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;

import java.util.function.Consumer;

/**
 * Reads which tables a shape touches and which joins it runs: SELECT, UPDATE and DELETE through the unindexed
 * detector's {@link PredicateExtractor}, INSERT through JSqlParser for its target table. Analysis thread only (JSqlParser
 * allocates heavily). A shape that does not parse touches nothing as far as the advisor knows. The collector reads
 * the statements the database itself counted with it too.
 */
public final class SchemaUseReader {

    private SchemaUseReader() {
    }

    /** Hands each table {@code shape} touches to {@code touched} and each join it runs to {@code joined}. */
    public static void read(QueryShape shape, Consumer<TableName> touched, Consumer<ObservedJoin> joined) {
        StatementKind kind = shape.kind();
        try {
            if (kind == StatementKind.SELECT || kind == StatementKind.UPDATE || kind == StatementKind.DELETE) {
                Extracted extracted = PredicateExtractor.extract(shape.text());
                for (TableUsage usage : extracted.tables()) {
                    touched.accept(usage.table());
                }
                for (JoinPair pair : extracted.joinPairs()) {
                    joined.accept(ObservedJoin.of(pair.left().table(), pair.leftColumn(), pair.right().table(),
                            pair.rightColumn(), shape.hexId(), shape.text()));
                }
            } else if (kind == StatementKind.INSERT) {
                Statement statement = PredicateExtractor.parse(shape.text());
                if (statement instanceof Insert insert && insert.getTable() != null) {
                    touched.accept(TableName.of(insert.getTable().getSchemaName(), insert.getTable().getName()));
                }
            }
        } catch (PredicateExtractor.UnparsableStatement unparsable) {
            // Not every dialect corner parses; the tables of this shape stay unknown.
        } catch (Exception | StackOverflowError unparsable) {
            // JSqlParser's ParseException, or nesting deeper than its recursion allows.
        }
    }

    /** True for the statement kinds whose tables the advisor reads; called once per new shape. */
    static boolean reads(StatementKind kind) {
        return kind == StatementKind.SELECT || kind == StatementKind.UPDATE || kind == StatementKind.DELETE
                || kind == StatementKind.INSERT;
    }
}
