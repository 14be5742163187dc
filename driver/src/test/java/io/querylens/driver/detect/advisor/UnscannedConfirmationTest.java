package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UnscannedConfirmationTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final TableName ITEMS = new TableName("public", "items");
    private static final String SINCE = "2026-12-05 10:00:00+00";

    private final UnscannedConfirmation confirmation = new UnscannedConfirmation(MINUTE);

    @Test
    void aFirstReadingIsNeverEnoughAndOneAfterTheWaitConfirms() {
        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name", "items_category"), SINCE, 0)).isEmpty();
        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name", "items_category"), SINCE, MINUTE - 1))
                .as("a run inside the wait").isEmpty();
        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_category", "items_name"), SINCE, MINUTE))
                .containsExactly("items_category", "items_name");
    }

    @Test
    void anIndexScannedBetweenTwoRunsWaitsAgainFromItsNextUnscannedReading() {
        confirmation.confirmed("shop", ITEMS, List.of("items_name", "items_category"), SINCE, 0);
        // items_category was read in between (the application's first statement came after the first run)
        confirmation.confirmed("shop", ITEMS, List.of("items_name"), SINCE, MINUTE / 2);

        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name", "items_category"), SINCE, MINUTE))
                .containsExactly("items_name");
        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name", "items_category"), SINCE, 2 * MINUTE))
                .containsExactly("items_name", "items_category");
    }

    @Test
    void aStatisticsResetStartsTheWaitAgain() {
        confirmation.confirmed("shop", ITEMS, List.of("items_name"), SINCE, 0);

        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name"), "2026-12-05 10:30:00+00", MINUTE))
                .isEmpty();
        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name"), "2026-12-05 10:30:00+00", 2 * MINUTE))
                .containsExactly("items_name");
    }

    @Test
    void dataSourcesAndTablesAreConfirmedApart() {
        confirmation.confirmed("shop", ITEMS, List.of("items_name"), SINCE, 0);

        assertThat(confirmation.confirmed("billing", ITEMS, List.of("items_name"), SINCE, MINUTE)).isEmpty();
        assertThat(confirmation.confirmed("shop", new TableName("archive", "items"), List.of("items_name"), SINCE,
                MINUTE)).isEmpty();
        assertThat(confirmation.confirmed("shop", ITEMS, List.of("items_name"), SINCE, MINUTE))
                .containsExactly("items_name");
    }

    @Test
    void zeroWaitReportsAtTheFirstReading() {
        UnscannedConfirmation immediate = new UnscannedConfirmation(0);

        assertThat(immediate.confirmed("shop", ITEMS, List.of("items_name"), null, 0)).containsExactly("items_name");
    }
}
