package io.querylens.driver.recording;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded text cache in front of the lexer for plain {@code Statement.execute(sql)}. */
class SqlTextCacheTest {

    @Test
    void repeatedTextIsOneLookupReturningTheSameStats() {
        SqlTextCache cache = new SqlTextCache(Dialect.POSTGRESQL, new ShapeRegistry(100), 16, 1_000);
        String sql = "select * from users where id = 42";

        ShapeStats first = cache.statsFor(sql);

        assertThat(cache.statsFor(new String(sql))).isSameAs(first);
        assertThat(cache.statsFor("select * from users where id = 7")).isSameAs(first);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void neverHoldsMoreThanItsBoundWhateverTheApplicationSends() {
        SqlTextCache cache = new SqlTextCache(Dialect.POSTGRESQL, new ShapeRegistry(100), 64, 1_000);
        for (int i = 0; i < 10_000; i++) {
            cache.statsFor("select * from users where id = " + i);
            assertThat(cache.size()).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void longTextsAreFingerprintedButNotCached() {
        ShapeRegistry registry = new ShapeRegistry(100);
        SqlTextCache cache = new SqlTextCache(Dialect.POSTGRESQL, registry, 64, 100);
        String longSql = "select * from users where name = '" + "x".repeat(200) + "'";

        ShapeStats stats = cache.statsFor(longSql);

        assertThat(cache.size()).isZero();
        assertThat(stats.shape().text()).isEqualTo("select * from users where name = ?");
        assertThat(cache.statsFor(longSql)).isSameAs(stats);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void sizeZeroTurnsCachingOff() {
        SqlTextCache cache = new SqlTextCache(Dialect.MYSQL, new ShapeRegistry(100), 0, 1_000);
        cache.statsFor("SELECT 1");
        assertThat(cache.size()).isZero();
    }
}
