package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shape ids are a wire format: findings, metrics and the collector's store key on them, and the collector recomputes
 * them from pg_stat_statements and performance_schema texts. These ids must never change; if this test fails, the
 * change breaks every stored id and needs a migration, not a new expected value.
 */
class ShapeIdGoldenTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL|cbf29ce484222325|''",
            "POSTGRESQL|281469707030c9a5|select * from users where id = $1",
            "MYSQL|60b1dfc67a742c66|SELECT * FROM `users` WHERE `id` IN (1,2,3)",
            "POSTGRESQL|dd9f5844f70a8d50|insert into orders (id, total) values (?, ?), (?, ?)",
            "POSTGRESQL|f74f47cb1a891794|select 'ž' from \"Ünïcode\"",
    })
    void idsNeverChange(Dialect dialect, String expectedHexId, String sql) {
        assertThat(Fingerprinter.fingerprint(sql, dialect).hexId()).isEqualTo(expectedHexId);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "cbf29ce484222325|''",
            "af63dc4c8601ec8c|a",
            "85944171f73967e8|foobar",
    })
    void hashIsStandardFnv1a64(String expectedHex, String input) {
        assertThat(QueryShape.toHex(ShapeHash.of(input))).isEqualTo(expectedHex);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select ? from t",
            "select 'ž', '€', '\uD83D\uDE00' from t",
            "lone high \uD800 surrogate",
            "lone low \uDC00 surrogate",
            "high at end \uD800",
    })
    void hashEqualsFnv1aOfTheTextsUtf8Bytes(String text) {
        assertThat(ShapeHash.of(text)).isEqualTo(referenceFnv1a64(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void idIsTheHashOfTheNormalisedText() {
        QueryShape shape = Fingerprinter.fingerprint("SELECT  a,b FROM `t` WHERE x IN (1,2) -- c", Dialect.MYSQL);
        assertThat(shape.id()).isEqualTo(referenceFnv1a64(shape.text().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hexIdIsSixteenLowerCaseHexDigits() {
        assertThat(QueryShape.toHex(0L)).isEqualTo("0000000000000000");
        assertThat(QueryShape.toHex(-1L)).isEqualTo("ffffffffffffffff");
        assertThat(QueryShape.toHex(0xABCL)).isEqualTo("0000000000000abc");
        assertThat(Fingerprinter.fingerprint("select 1", Dialect.GENERIC).hexId()).matches("[0-9a-f]{16}");
    }

    /** Written from the FNV specification, independently of {@link ShapeHash}. */
    private static long referenceFnv1a64(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
