package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.MutatedStatements;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSqlParser path of the background analysis (predicate extraction, also used by the schema advisor) on hostile
 * shapes: it may refuse a text, never throw anything else, and never hand JSqlParser a text whose parse time grows
 * faster than linearly ({@link ParseBudget}). Issue "Reliability and security", section "Hostile and odd input".
 */
class ParsingHostileInputTest {
    private static final int ONE_MEGABYTE = 1 << 20;
    /** The budget check is one pass of the fingerprint lexer, which costs at most this many steps per char. */
    private static final int STEPS_PER_CHAR = 6;

    @Provide
    Arbitrary<String> mutatedShapes() {
        // What the analysis sees is a shape's text, never the raw statement.
        return MutatedStatements.mutated().flatMap(sql -> net.jqwik.api.Arbitraries.of(Dialect.values())
                .map(dialect -> Fingerprinter.fingerprint(sql, dialect).text()));
    }

    @Property(tries = 400)
    void extractionOfMutatedShapesEitherSucceedsOrSaysUnparsable(@ForAll("mutatedShapes") String shape) {
        try {
            PredicateExtractor.Extracted extracted = PredicateExtractor.extract(shape);
            assertThat(extracted.tables()).isNotNull();
        } catch (PredicateExtractor.UnparsableStatement expected) {
            assertThat(expected.getMessage()).isNotNull();
        }
    }

    @Property(tries = 300)
    void extractionOfRawMutatedStatementsEitherSucceedsOrSaysUnparsable(@ForAll("raw") String sql) {
        assertThatCode(() -> {
            try {
                PredicateExtractor.extract(sql);
            } catch (PredicateExtractor.UnparsableStatement expected) {
                // refused or not understood: the analysis skips the shape
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<String> raw() {
        return MutatedStatements.mutated();
    }

    @Property(tries = 300)
    void explainableTextOfMutatedShapesNeverThrows(@ForAll("mutatedShapes") String shape, @ForAll Dialect dialect) {
        assertThatCode(() -> ExplainableText.of(shape, dialect)).doesNotThrowAnyException();
    }

    @Property(tries = 500)
    void budgetCheckIsLinear(@ForAll("raw") String sql) {
        assertThat(ParseBudget.stepsToCheck(sql)).isLessThanOrEqualTo((long) STEPS_PER_CHAR * sql.length() + 64);
    }

    /** Fixed seed: the same 1,000 mutated statements every run, as shapes, through the whole JSqlParser path. */
    @Test
    void fixedSeedMutatedShapesThroughExtractionAndExplainText() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 1_000; i++) {
            String sql = MutatedStatements.mutate(
                    MutatedStatements.CORPUS.get(random.nextInt(MutatedStatements.CORPUS.size())),
                    random.nextInt(9), random.nextLong());
            Dialect dialect = Dialect.values()[i % Dialect.values().length];
            String shape = Fingerprinter.fingerprint(sql, dialect).text();
            assertThatCode(() -> {
                try {
                    PredicateExtractor.extract(shape);
                } catch (PredicateExtractor.UnparsableStatement expected) {
                    // skipped by the analysis
                }
                ExplainableText.of(shape, dialect);
            }).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void deepNestingIsRefusedBeforeTheParserSeesIt() {
        // 2,000 levels took JSqlParser 5.4 ~18 s on one thread; 8,000 over 4 minutes.
        String deep = "select * from t where " + "(".repeat(2_000) + "a = ?" + ")".repeat(2_000);
        assertThatThrownBy(() -> PredicateExtractor.extract(deep))
                .isInstanceOf(PredicateExtractor.UnparsableStatement.class)
                .hasMessageContaining("nested deeper than " + ParseBudget.MAX_NESTING_DEPTH);
        String atTheLimit = "select * from t where " + "(".repeat(ParseBudget.MAX_NESTING_DEPTH) + "a = ?"
                + ")".repeat(ParseBudget.MAX_NESTING_DEPTH);
        assertThat(ParseBudget.refusal(atTheLimit)).isNull();
        assertThatCode(() -> PredicateExtractor.extract(atTheLimit)).doesNotThrowAnyException();
    }

    @Test
    void bracketsInsideLiteralsAndCommentsDoNotCountAsNesting() {
        String sql = "select * from t where a = '" + "(".repeat(500) + "' /* " + "(".repeat(500) + " */ and b = ?";
        assertThat(ParseBudget.refusal(sql)).isNull();
    }

    @Test
    void megabyteStatementIsRefusedWithoutParsing() {
        String huge = "select * from t where a = ? and " + "b = ? and ".repeat(ONE_MEGABYTE / 10) + "c = ?";
        assertThatThrownBy(() -> PredicateExtractor.extract(huge))
                .isInstanceOf(PredicateExtractor.UnparsableStatement.class)
                .hasMessageContaining("longer than " + ParseBudget.MAX_PARSED_CHARS);
        // Its shape is cut at 32 K chars and ends in an ellipsis: also refused, never parsed.
        String shape = Fingerprinter.fingerprint(huge, Dialect.POSTGRESQL).text();
        assertThat(ParseBudget.refusal(shape)).contains("longer than");
    }

    @Test
    void megabyteInListFoldsToAShapeThatParses() throws Exception {
        StringBuilder sql = new StringBuilder("select id from orders where customer_id in (");
        Random random = new Random(20261203L);
        while (sql.length() < ONE_MEGABYTE) {
            sql.append(random.nextInt(1_000_000)).append(", ");
        }
        String text = sql.append("1) and status = 'open'").toString();
        String shape = Fingerprinter.fingerprint(text, Dialect.POSTGRESQL).text();
        assertThat(shape).isEqualTo("select id from orders where customer_id in (?) and status = ?");
        assertThat(PredicateExtractor.extract(shape).tables()).singleElement()
                .satisfies(usage -> assertThat(usage.table().name()).isEqualTo("orders"));
    }

    @Test
    void budgetWorkDoublesWhenTheInputDoubles() {
        for (String unit : new String[] {"((a)) and ", "'('", "/* ( */", "$1 ($2) ", "[x] ", "\uD800(a)", "?|"}) {
            // Both sizes stay under the length cap, so both are lexed to the end.
            int times = ParseBudget.MAX_PARSED_CHARS / (2 * unit.length());
            long n = ParseBudget.stepsToCheck(unit.repeat(times));
            long twoN = ParseBudget.stepsToCheck(unit.repeat(2 * times));
            assertThat(n).as(unit).isGreaterThanOrEqualTo(times);
            assertThat(twoN).as(unit).isLessThanOrEqualTo(2 * n + 64);
        }
    }
}
