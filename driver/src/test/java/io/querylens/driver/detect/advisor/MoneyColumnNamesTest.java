package io.querylens.driver.detect.advisor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyColumnNamesTest {

    @Test
    void moneyIsRecognisedByWholeWordsInSnakeAndCamelCase() {
        assertThat(ImpreciseMoneyTypeCheck.looksLikeMoney("unit_price")).isTrue();
        assertThat(ImpreciseMoneyTypeCheck.looksLikeMoney("totalAmount")).isTrue();
        assertThat(ImpreciseMoneyTypeCheck.looksLikeMoney("priority")).isFalse();
        assertThat(ImpreciseMoneyTypeCheck.looksLikeMoney("costume_size")).isFalse();
    }
}
