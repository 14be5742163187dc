package io.querylens.driver.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprinterPropertiesTest {
    /** Steps per input char allowed; the worst inputs found so far ("1+1+1+…") cost 4.5. */
    static final int STEPS_PER_CHAR = 6;
    static final int STEPS_CONSTANT = 64;

    @Property(tries = 500)
    void neverThrowsOnArbitraryText(@ForAll("anyText") String sql, @ForAll Dialect dialect) {
        QueryShape shape = Fingerprinter.fingerprint(sql, dialect);
        assertThat(shape.text()).isNotNull();
        assertThat(shape.hexId()).hasSize(16);
        assertThat(shape.kind()).isNotNull();
    }

    @Property(tries = 500)
    void workIsLinearInTheLengthOfArbitraryText(@ForAll("anyText") String sql, @ForAll Dialect dialect) {
        assertThat(Fingerprinter.stepsToFingerprint(sql, dialect))
                .isLessThanOrEqualTo((long) STEPS_PER_CHAR * sql.length() + STEPS_CONSTANT);
    }

    @Property(tries = 300)
    void workIsLinearOnAdversarialRepetitions(@ForAll("adversarial") String sql, @ForAll Dialect dialect) {
        assertThat(Fingerprinter.stepsToFingerprint(sql, dialect))
                .isLessThanOrEqualTo((long) STEPS_PER_CHAR * sql.length() + STEPS_CONSTANT);
    }

    @Property(tries = 300)
    void literalsSpacingCaseAndCommentsLeaveTheIdAlone(@ForAll("statements") StatementGrammar.Statement statement,
                                                       @ForAll long seedA, @ForAll long seedB) {
        String a = statement.render(seedA);
        String b = statement.render(seedB);
        QueryShape shapeA = Fingerprinter.fingerprint(a, statement.dialect());
        QueryShape shapeB = Fingerprinter.fingerprint(b, statement.dialect());
        assertThat(shapeA.text()).as("%s%nvs%n%s", a, b).isEqualTo(shapeB.text());
        assertThat(shapeA.id()).isEqualTo(shapeB.id());
        assertThat(shapeA.kind()).isEqualTo(shapeB.kind());
    }

    @Property(tries = 300)
    void fingerprintingAShapeTextIsIdempotent(@ForAll("statements") StatementGrammar.Statement statement,
                                              @ForAll long seed) {
        assertIdempotent(statement.render(seed), statement.dialect());
    }

    @Property(tries = 500)
    void fingerprintingAnyTokenSoupIsIdempotent(@ForAll("tokenSoup") String sql, @ForAll Dialect dialect) {
        assertIdempotent(sql, dialect);
    }

    @Property(tries = 50)
    void inListsOfAnyLengthGiveOneId(@ForAll @IntRange(min = 1, max = 1000) int length, @ForAll Dialect dialect) {
        StringBuilder sql = new StringBuilder("select * from t where id in (");
        for (int i = 0; i < length; i++) {
            sql.append(i == 0 ? "" : ", ").append(i % 2 == 0 ? "?" : String.valueOf(i));
        }
        QueryShape shape = Fingerprinter.fingerprint(sql.append(')').toString(), dialect);
        assertThat(shape.id()).isEqualTo(Fingerprinter.fingerprint("select * from t where id in (?)", dialect).id());
        assertThat(shape.placeholderCount()).isEqualTo((length + 1) / 2);
    }

    private static void assertIdempotent(String sql, Dialect dialect) {
        QueryShape once = Fingerprinter.fingerprint(sql, dialect);
        QueryShape twice = Fingerprinter.fingerprint(once.text(), dialect);
        assertThat(twice.text()).as("from %s", sql).isEqualTo(once.text());
        assertThat(twice.id()).isEqualTo(once.id());
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> controlAndAscii = Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(300);
        Arbitrary<String> sqlish = Arbitraries.strings().withChars("'\"`$?-/*#()[]{},.;:\\eEnNxXbBuU&0129 _\n")
                .ofMaxLength(300);
        return Arbitraries.oneOf(unicode, controlAndAscii, sqlish);
    }

    @Provide
    Arbitrary<String> adversarial() {
        Arbitrary<String> unit = Arbitraries.of("$a$", "$abc", "/*", "*/", "'", "\"", "`", "$$", "--", "E'\\",
                "in (", "?,", "values (1),", "(", "$1", "/*!", "querylens:allow x ", "$aaaaaaaaaaaaaaaaaaaaaaaa",
                "\\'", "-", "1e", ".5", "...", "U&'");
        return Arbitraries.oneOf(
                unit.list().ofMinSize(1).ofMaxSize(400).map(parts -> String.join("", parts)),
                repeated(unit, 2000));
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of("select", "FROM", "t", "\"Odd\"", "\"lower\"", "`b`", "a.b", "(", ")",
                ",", ";", "=", "-", "+", "-1", "1.5", "'s'", "?", "$1", "::", "in", "values", "(1, 2)", "[", "]",
                "x", "||", "?|", "??", "<>", "*", "/* c */", "-- c\n", "true", "limit", "#", "...", "{call", "}");
        return token.list().ofMaxSize(40).map(parts -> String.join(" ", parts));
    }

    @Provide
    Arbitrary<StatementGrammar.Statement> statements() {
        return StatementGrammar.statements();
    }

    /** Long single-unit repetitions, the classic worst case for backtracking scanners. */
    private static Arbitrary<String> repeated(Arbitrary<String> unit, int maxTimes) {
        return unit.flatMap(u -> Arbitraries.integers().between(1, maxTimes).map(u::repeat));
    }
}
