package io.querylens.driver.detect.nplusone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShapeTextTest {

    @Test
    void limitOffsetAndFetchMakeAShapePaged() {
        assertThat(ShapeText.isPaged("select id from orders order by id limit ? offset ?")).isTrue();
        assertThat(ShapeText.isPaged("select id from orders where id > ? order by id limit ?")).isTrue();
        assertThat(ShapeText.isPaged("select id from orders order by id offset ? rows fetch next ? rows only"))
                .isTrue();
    }

    @Test
    void wordsInsideNamesOrQuotesDoNotMakeAShapePaged() {
        assertThat(ShapeText.isPaged("select credit_limit from accounts where id = ?")).isFalse();
        assertThat(ShapeText.isPaged("select id from t where note = 'limit'")).isFalse();
        assertThat(ShapeText.isPaged("select offsets from t where id = ?")).isFalse();
    }

    @Test
    void repeatedTableAndColumnsComeFromFromAndParameterPredicates() {
        String hibernate = "select c1_0.id,c1_0.name from users c1_0 where c1_0.id=?";
        assertThat(ShapeText.repeatedTable(hibernate)).isEqualTo("users");
        assertThat(ShapeText.repeatedColumns(hibernate)).containsExactly("id");
        String quoted = "select * from `shop`.`order_lines` where `order_id` = ? and status in (?, ?)";
        assertThat(ShapeText.repeatedTable(quoted)).isEqualTo("shop.order_lines");
        assertThat(ShapeText.repeatedColumns(quoted)).containsExactly("order_id", "status");
        assertThat(ShapeText.repeatedColumns("select * from users")).isEmpty();
    }
}
