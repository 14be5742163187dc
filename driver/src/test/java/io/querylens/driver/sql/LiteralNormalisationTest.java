package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralNormalisationTest {

    private static String text(String sql, Dialect dialect) {
        return Fingerprinter.fingerprint(sql, dialect).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "select 'it''s' from t|select ? from t",
            "select 42 from t|select ? from t",
            "select 1.5 from t|select ? from t",
            "select .5 from t|select ? from t",
            "select 1. from t|select ? from t",
            "select 1e10 from t|select ? from t",
            "select 1.5E-3 from t|select ? from t",
            "select 6.02e+23 from t|select ? from t",
            "select 1_000_000 from t|select ? from t",
            "select true, FALSE from t|select ?, ? from t",
            "select * from t where d = DATE '2020-01-01'|select * from t where d = date ?",
            "select * from t where d > now() - INTERVAL '1 day'|select * from t where d > now () - interval ?",
            "select N'x', B'0101', X'FF', b'01', x'ff' from t|select ?, ?, ?, ?, ? from t",
    })
    void literalsOfEveryDialectBecomeMarkers(String sql, String expected) {
        for (Dialect dialect : Dialect.values()) {
            assertThat(text(sql, dialect)).as(dialect.name()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "select * from t where a = -1|select * from t where a = ?",
            "select * from t where a=-1.5|select * from t where a = ?",
            "select -1|select ?",
            "select * from t where a between -5 and +5|select * from t where a between ? and ?",
            "select f(-1, -2)|select f (?, ?)",
            "select a - 1 from t|select a - ? from t",
            "select a -1 from t|select a - ? from t",
            "select a * -1 from t|select a * ? from t",
            "select -a from t|select - a from t",
    })
    void signedNumbersAfterOperatorsAreOneLiteralButSubtractionStays(String sql, String expected) {
        assertThat(text(sql, Dialect.POSTGRESQL)).isEqualTo(expected);
        assertThat(text(sql, Dialect.MYSQL)).isEqualTo(expected);
    }

    @Test
    void differentSignsOfTheSameComparisonShareAShape() {
        assertThat(text("select * from t where a = -1", Dialect.POSTGRESQL))
                .isEqualTo(text("select * from t where a = 1", Dialect.POSTGRESQL));
    }

    @Test
    void postgresqlEscapeStringsHonourBackslashes() {
        assertThat(text("select E'it\\'s; -- not a comment' , 1", Dialect.POSTGRESQL)).isEqualTo("select ?, ?");
        assertThat(text("select e'\\\\' || 'x'", Dialect.POSTGRESQL)).isEqualTo("select ? || ?");
    }

    @Test
    void postgresqlPlainStringsTreatBackslashAsAChar() {
        // standard_conforming_strings: 'a\' is a complete string and the next quote opens a new one.
        assertThat(text("select 'a\\', 'b'", Dialect.POSTGRESQL)).isEqualTo("select ?, ?");
    }

    @Test
    void postgresqlUnicodeStringsAreLiterals() {
        assertThat(text("select U&'d\\0061t' from t", Dialect.POSTGRESQL)).isEqualTo("select ? from t");
    }

    @Test
    void postgresqlDollarQuotesAreLiterals() {
        assertThat(text("select $$it's; -- here$$ from t", Dialect.POSTGRESQL)).isEqualTo("select ? from t");
        assertThat(text("select $fn$ a $$ nested $$ b $fn$, 1", Dialect.POSTGRESQL)).isEqualTo("select ?, ?");
        assertThat(text("do $body$ begin perform 1; end $body$", Dialect.POSTGRESQL)).isEqualTo("do ?");
    }

    @Test
    void postgresqlDollarQuotedFunctionBodyIsOneLiteral() {
        String sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 'x'; SELECT 2 $$ LANGUAGE sql";
        assertThat(text(sql, Dialect.POSTGRESQL)).isEqualTo("create function f () returns int as ? language sql");
    }

    @Test
    void postgresqlCastsStayOperatorsWithoutSpaces() {
        assertThat(text("select '1' :: int, x::text[] from t", Dialect.POSTGRESQL))
                .isEqualTo("select ?::int, x::text [] from t");
    }

    @Test
    void mysqlStringsHonourBackslashEscapes() {
        assertThat(text("SELECT 'it\\'s', \"say \\\"hi\\\"\" FROM t", Dialect.MYSQL)).isEqualTo("select ?, ? from t");
    }

    @Test
    void mysqlDoubleQuotesAreStringsNotIdentifiers() {
        assertThat(text("SELECT * FROM t WHERE name = \"Bob\"", Dialect.MYSQL))
                .isEqualTo(text("SELECT * FROM t WHERE name = 'Alice'", Dialect.MYSQL));
    }

    @Test
    void mysqlHexBitAndCharsetLiteralsAreLiterals() {
        assertThat(text("SELECT 0xFF, 0b0101, X'0A', _utf8mb4'abc' FROM t", Dialect.MYSQL))
                .isEqualTo("select ?, ?, ?, ? from t");
    }

    @Test
    void mysqlIdentifiersMayStartWithDigits() {
        assertThat(text("SELECT 1col FROM 2024_orders", Dialect.MYSQL)).isEqualTo("select 1col from 2024_orders");
    }

    @Test
    void jdbcEscapeLiteralsKeepTheirEscapeWord() {
        assertThat(text("select {ts '2020-01-01 00:00:00'} from t", Dialect.GENERIC)).isEqualTo("select {ts ?} from t");
    }
}
