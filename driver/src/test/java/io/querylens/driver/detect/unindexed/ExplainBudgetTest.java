package io.querylens.driver.detect.unindexed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code querylens.explain.maxPerMinute}: the analysis thread waits for the next minute once a minute's plans are spent. */
class ExplainBudgetTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long now = 1_000 * SECOND;
    private final List<Long> waits = new ArrayList<>();
    private final ExplainBudget budget = new ExplainBudget(3, () -> now, nanos -> {
        waits.add(nanos);
        now += nanos;
    });

    @Test
    void planBeyondTheMinutesBudgetWaitsForTheNextMinute() throws InterruptedException {
        budget.acquire();
        now += 10 * SECOND;
        budget.acquire();
        budget.acquire();
        assertThat(waits).isEmpty();

        now += 5 * SECOND;
        budget.acquire();
        assertThat(waits).containsExactly(45 * SECOND);
        budget.acquire();
        budget.acquire();
        assertThat(waits).hasSize(1);
        budget.acquire();
        assertThat(waits).containsExactly(45 * SECOND, 60 * SECOND);
    }

    @Test
    void quietMinuteRestoresTheWholeBudget() throws InterruptedException {
        budget.acquire();
        budget.acquire();
        budget.acquire();
        now += 61 * SECOND;
        budget.acquire();
        budget.acquire();
        budget.acquire();
        assertThat(waits).isEmpty();
    }
}
