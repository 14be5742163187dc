package io.querylens.driver.recording;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements that differ only by {@code querylens:allow} comments share one shape id, one histogram and one registry
 * entry, yet each keeps the allowance of its own text, whichever reached the registry first.
 */
class AllowCommentVariantsTest {
    private static final String PLAIN = "select name from users where id = ?";
    private static final String ALLOWED = "/* querylens:allow n_plus_one */ select name from users where id = ?";

    @Test
    void commentedTextFirstDoesNotExcuseThePlainText() {
        ShapeRegistry registry = new ShapeRegistry(100);
        SqlTextCache cache = new SqlTextCache(Dialect.POSTGRESQL, registry, 100, 10_000);

        ShapeStats allowed = cache.statsFor(ALLOWED);
        ShapeStats plain = cache.statsFor(PLAIN);

        assertThat(allowed.shape().allows("n_plus_one")).isTrue();
        assertThat(plain.shape().allows("n_plus_one")).isFalse();
        assertThat(allowed.shape().id()).isEqualTo(plain.shape().id())
                .isEqualTo(Fingerprinter.fingerprint(PLAIN, Dialect.POSTGRESQL).id());
        assertThat(registry.all()).containsExactly(plain);
        assertThat(cache.statsFor(ALLOWED)).isSameAs(allowed);
    }

    @Test
    void bothTextsRecordIntoOneHistogramAndAnnounceOnceEach() {
        ShapeRegistry registry = new ShapeRegistry(100);
        ShapeStats plain = registry.statsFor(Fingerprinter.fingerprint(PLAIN, Dialect.POSTGRESQL));
        ShapeStats allowed = registry.statsFor(Fingerprinter.fingerprint(ALLOWED, Dialect.POSTGRESQL));

        Execution thisThread = new Execution();
        plain.record(2_000_000, false, 0, thisThread);
        allowed.record(3_000_000, true, 0, thisThread);
        allowed.addRows(4, thisThread);

        assertThat(plain.snapshot().executions()).isEqualTo(2);
        assertThat(allowed.snapshot().executions()).isEqualTo(2);
        assertThat(plain.errors()).isEqualTo(1);
        assertThat(plain.rows()).isEqualTo(4);
        assertThat(plain.firstAnnouncement()).isTrue();
        assertThat(allowed.firstAnnouncement()).isTrue();
        assertThat(allowed.firstAnnouncement()).isFalse();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void commentFreeShapeKeepsEveryOtherFactOfTheStatement() {
        var allowed = Fingerprinter.fingerprint(
                "/* querylens:allow n_plus_one */ select * from t where a = ? and id in (1, 2, 3) limit 5",
                Dialect.POSTGRESQL);

        var plain = allowed.withoutAllowedKinds();

        assertThat(plain.hasAllowedKinds()).isFalse();
        assertThat(plain.id()).isEqualTo(allowed.id());
        assertThat(plain.text()).isEqualTo(allowed.text());
        assertThat(plain.kind()).isEqualTo(allowed.kind());
        assertThat(plain.paged()).isTrue();
        assertThat(plain.inList()).isTrue();
        assertThat(plain.placeholderCount()).isEqualTo(allowed.placeholderCount()).isEqualTo(1);
    }
}
