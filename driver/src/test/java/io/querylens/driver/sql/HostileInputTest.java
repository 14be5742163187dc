package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs an application, a fuzzer or an attacker might send; after OpenTelemetry's SqlSanitizer tests. */
class HostileInputTest {
    private static final int ONE_MEGABYTE = 1 << 20;

    private static long linearBound(String sql) {
        return (long) FingerprinterPropertiesTest.STEPS_PER_CHAR * sql.length()
                + FingerprinterPropertiesTest.STEPS_CONSTANT;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void randomBytesDontCauseExceptionsOrNonLinearWork(Dialect dialect) {
        Random random = new Random(20261125L);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(2_000)];
            random.nextBytes(bytes);
            String sql = i % 2 == 0
                    ? new String(bytes, StandardCharsets.UTF_8)
                    : new String(bytes, StandardCharsets.ISO_8859_1);
            QueryShape shape = Fingerprinter.fingerprint(sql, dialect);
            assertThat(shape.hexId()).hasSize(16);
            assertThat(Fingerprinter.stepsToFingerprint(sql, dialect)).isLessThanOrEqualTo(linearBound(sql));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void oneMegabyteInListFoldsToOneMarker(Dialect dialect) {
        StringBuilder sql = new StringBuilder("select * from t where id in (");
        int markers = 0;
        while (sql.length() < ONE_MEGABYTE) {
            sql.append(markers == 0 ? "?" : ", ?");
            markers++;
        }
        String text = sql.append(") and x = 1").toString();
        QueryShape shape = Fingerprinter.fingerprint(text, dialect);
        assertThat(shape.text()).isEqualTo("select * from t where id in (?) and x = ?");
        assertThat(shape.placeholderCount()).isEqualTo(markers);
        assertThat(shape.inList()).isTrue();
        assertThat(Fingerprinter.stepsToFingerprint(text, dialect)).isLessThanOrEqualTo(linearBound(text));
    }

    @Test
    void oneMegabyteMultiRowInsertFoldsToOneRow() {
        StringBuilder sql = new StringBuilder("INSERT INTO `t` (`a`, `b`) VALUES ");
        while (sql.length() < ONE_MEGABYTE) {
            sql.append("(1, 'x'), ");
        }
        String text = sql.append("(2, 'y')").toString();
        QueryShape shape = Fingerprinter.fingerprint(text, Dialect.MYSQL);
        assertThat(shape.text()).isEqualTo("insert into t (a, b) values (?, ?)");
        assertThat(shape.multiRowValues()).isTrue();
    }

    @Test
    void oneMegabyteOfColumnsIsCappedAndStaysLinear() {
        String text = "select " + "col, ".repeat(ONE_MEGABYTE / 5) + "x from t";
        QueryShape shape = Fingerprinter.fingerprint(text, Dialect.POSTGRESQL);
        assertThat(shape.textTruncated()).isTrue();
        assertThat(shape.text()).startsWith("select col, col,").endsWith(NormalisedTextWriter.TRUNCATION_MARK);
        assertThat(Fingerprinter.stepsToFingerprint(text, Dialect.POSTGRESQL)).isLessThanOrEqualTo(linearBound(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$a$", "/*", "'", "\"", "`", "--", "-", "(", "$aaaaaaaaaaaaaaa", "E'\\", "/*!", "?,"})
    void longRepetitionsOfOpeningTokensStayLinear(String unit) {
        String text = unit.repeat(100_000);
        for (Dialect dialect : Dialect.values()) {
            assertThat(Fingerprinter.stepsToFingerprint(text, dialect)).as(dialect.name())
                    .isLessThanOrEqualTo(linearBound(text));
        }
    }

    @Test
    void unterminatedConstructsSwallowTheRestButKeepWhatCameBefore() {
        assertThat(Fingerprinter.fingerprint("select a from t where b = 'open", Dialect.POSTGRESQL).text())
                .isEqualTo("select a from t where b = ?");
        assertThat(Fingerprinter.fingerprint("select a /* open", Dialect.POSTGRESQL).text()).isEqualTo("select a");
        assertThat(Fingerprinter.fingerprint("select $x$ open", Dialect.POSTGRESQL).text()).isEqualTo("select ?");
        assertThat(Fingerprinter.fingerprint("select \"open", Dialect.POSTGRESQL).text()).isEqualTo("select \"open");
        assertThat(Fingerprinter.fingerprint("SELECT /*! open", Dialect.MYSQL).text()).isEqualTo("select open");
    }

    @Test
    void controlCharsAndLoneSurrogatesNeverBreakTheShape() {
        String sql = "select\u0000a,\u0001b\uD800 from\u0007t\uDC00 where c = '\u0000' and d = \uD83D\uDE00";
        QueryShape shape = Fingerprinter.fingerprint(sql, Dialect.POSTGRESQL);
        assertThat(shape.text()).isEqualTo("select a, b \uD800 from t \uDC00 where c = ? and d = \uD83D \uDE00");
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
    }

    @Test
    void deeplyNestedParenthesesNeedNoRecursion() {
        String sql = "(".repeat(200_000) + "select 1" + ")".repeat(200_000);
        QueryShape shape = Fingerprinter.fingerprint(sql, Dialect.GENERIC);
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(shape.textTruncated()).isTrue();
    }
}
