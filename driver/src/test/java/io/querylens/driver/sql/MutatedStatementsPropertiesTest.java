package io.querylens.driver.sql;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprinter and the statement-kind classifier on mutations of real statements, and on megabyte inputs built
 * from the constructs that stress a scanner most. Work is counted in lexer steps (see {@link SqlLexer#steps()}), never
 * timed. Issue "Reliability and security", section "Hostile and odd input".
 */
class MutatedStatementsPropertiesTest {
    private static final int ONE_MEGABYTE = 1 << 20;

    private static long linearBound(String sql) {
        return (long) FingerprinterPropertiesTest.STEPS_PER_CHAR * sql.length() + FingerprinterPropertiesTest.STEPS_CONSTANT;
    }

    @Provide
    Arbitrary<String> mutated() {
        return MutatedStatements.mutated();
    }

    @Property(tries = 1000)
    void mutatedStatementsNeverThrowAndCostLinearWork(@ForAll("mutated") String sql, @ForAll Dialect dialect) {
        QueryShape shape = Fingerprinter.fingerprint(sql, dialect);
        assertThat(shape.hexId()).hasSize(16);
        assertThat(shape.kind()).isNotNull();
        assertThat(Fingerprinter.splitStatements(sql, dialect)).isNotNull();
        assertThat(Fingerprinter.stepsToFingerprint(sql, dialect)).isLessThanOrEqualTo(linearBound(sql));
    }

    @Property(tries = 1000)
    void normalisingAMutatedStatementIsIdempotent(@ForAll("mutated") String sql, @ForAll Dialect dialect) {
        QueryShape once = Fingerprinter.fingerprint(sql, dialect);
        QueryShape twice = Fingerprinter.fingerprint(once.text(), dialect);
        assertThat(twice.text()).as("from %s", sql).isEqualTo(once.text());
        assertThat(twice.id()).isEqualTo(once.id());
        assertThat(twice.kind()).isEqualTo(once.kind());
        assertThat(twice.containsDdl()).isEqualTo(once.containsDdl());
    }

    /** The guard's view (any statement DDL) must agree with classifying each statement of the text on its own. */
    @Property(tries = 1000)
    void containsDdlAgreesWithClassifyingEachStatementAlone(@ForAll("mutated") String sql, @ForAll Dialect dialect) {
        List<String> statements = Fingerprinter.splitStatements(sql, dialect);
        boolean anyDdl = statements.stream()
                .anyMatch(statement -> Fingerprinter.fingerprint(statement, dialect).kind() == StatementKind.DDL);
        assertThat(Fingerprinter.fingerprint(sql, dialect).containsDdl()).as("%s split as %s", sql, statements)
                .isEqualTo(anyDdl);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void megabyteOfUnterminatedOpenersStaysLinear(Dialect dialect) {
        for (String text : List.of(
                "select '" + "x".repeat(ONE_MEGABYTE),
                "select /* " + "/* ".repeat(ONE_MEGABYTE / 3),
                "select \"" + "\"\"".repeat(ONE_MEGABYTE / 2),
                "select E'" + "\\'".repeat(ONE_MEGABYTE / 2),
                "select `" + "x".repeat(ONE_MEGABYTE),
                "select 1 -- " + "x".repeat(ONE_MEGABYTE),
                "select 1 /*! " + "/*!".repeat(ONE_MEGABYTE / 3))) {
            QueryShape shape = Fingerprinter.fingerprint(text, dialect);
            assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
            assertThat(shape.text().length()).isLessThanOrEqualTo(NormalisedTextWriter.MAX_TEXT_CHARS + 2);
            assertThat(Fingerprinter.stepsToFingerprint(text, dialect)).as(text.substring(0, 12))
                    .isLessThanOrEqualTo(linearBound(text));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void megabyteOfNestedDollarQuotesStaysLinearAndIsOneLiteralOnPostgres(Dialect dialect) {
        // $a0$ $a1$ … $aN$ … $aN$ … $a1$ $a0$: every inner tag is plain text inside the outermost quote.
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; open.length() < ONE_MEGABYTE / 2; i++) {
            open.append("$a").append(i).append("$ ");
            close.insert(0, " $a" + i + "$");
        }
        String text = "select " + open + "body; drop table t;" + close + " from t where id = 1";
        QueryShape shape = Fingerprinter.fingerprint(text, dialect);
        if (dialect == Dialect.POSTGRESQL) {
            assertThat(shape.text()).isEqualTo("select ? from t where id = ?");
            assertThat(shape.containsDdl()).isFalse();
        }
        assertThat(Fingerprinter.stepsToFingerprint(text, dialect)).isLessThanOrEqualTo(linearBound(text));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void megabyteOfLoneSurrogatesNeverThrowsAndStaysLinear(Dialect dialect) {
        StringBuilder text = new StringBuilder("select a from t where b = '\uD800' and c = ");
        while (text.length() < ONE_MEGABYTE) {
            text.append('\uDC00').append("x\uD800").append('\uDBFF');
        }
        String sql = text.toString();
        QueryShape shape = Fingerprinter.fingerprint(sql, dialect);
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(shape.text()).startsWith("select a from t where b = ? and c =");
        assertThat(Fingerprinter.stepsToFingerprint(sql, dialect)).isLessThanOrEqualTo(linearBound(sql));
    }

    /** Doubling the input at most doubles the work (plus the constant), for each stress construct. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void doublingTheInputDoublesTheWork(Dialect dialect) {
        for (String unit : List.of("$a$ ", "/*", "'", "in (?, ", "select 1; ", "\uD800", "?|", "`", "#\n", "E'\\'")) {
            String n = "select " + unit.repeat(100_000);
            String twoN = "select " + unit.repeat(200_000);
            long small = Fingerprinter.stepsToFingerprint(n, dialect);
            long large = Fingerprinter.stepsToFingerprint(twoN, dialect);
            assertThat(large).as("%s x2 in %s", unit, dialect)
                    .isLessThanOrEqualTo(2 * small + FingerprinterPropertiesTest.STEPS_CONSTANT);
        }
    }
}
