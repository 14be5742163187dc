package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ShapeCounterTest {
    private static QueryShape shape(long id) {
        return new QueryShape(id, "select * from t" + id + " where id = ?", StatementKind.SELECT, null);
    }

    @Test
    void concurrentRecordersGiveExactTotalsPerShape() throws Exception {
        ShapeCounter counter = new ShapeCounter(64);
        int threads = 8;
        int perThread = 20_000;
        QueryShape[] shapes = {shape(1), shape(2), shape(3)};
        // Claim the slots first: a slot being claimed drops concurrent executions by design.
        for (QueryShape s : shapes) {
            counter.record(s, 0, null, null, 0, 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    counter.record(shapes[i % 3], 0, null, null, i, 0);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long total = 0;
        for (QueryShape s : shapes) {
            int slot = counter.find(s.id(), 0);
            assertThat(counter.flags(slot) & ShapeCounter.DISTINCT_BINDS).isNotZero();
            total += counter.count(slot) - 1;
        }
        assertThat(total).isEqualTo((long) threads * perThread);
        assertThat(counter.dropped()).isZero();
    }

    @Test
    void sameBindsStayNonDistinctAndAreCountedAsSame() {
        ShapeCounter counter = new ShapeCounter(16);
        int slot = -1;
        for (int i = 0; i < 6; i++) {
            slot = counter.record(shape(7), 0, null, null, 42, 0);
        }
        assertThat(counter.count(slot)).isEqualTo(6);
        assertThat(counter.sameBindCount(slot)).isEqualTo(6);
        assertThat(counter.flags(slot) & ShapeCounter.DISTINCT_BINDS).isZero();
    }

    @Test
    void fullTableDropsAndCountsNewShapesInsteadOfGrowing() {
        ShapeCounter counter = new ShapeCounter(16);
        for (long id = 1; id <= counter.capacity(); id++) {
            assertThat(counter.record(shape(id), 0, null, null, 0, 0)).isNotNegative();
        }
        assertThat(counter.record(shape(999), 0, null, null, 0, 0)).isEqualTo(-1);
        assertThat(counter.dropped()).isEqualTo(1);
    }

    @Test
    void sameShapeAtTwoCallSitesHasTwoSlots() {
        ShapeCounter counter = new ShapeCounter(16);
        int first = counter.record(shape(5), 11, "a", null, 1, 0);
        int second = counter.record(shape(5), 22, "b", null, 2, 0);
        assertThat(first).isNotEqualTo(second);
        assertThat(counter.find(5, 11)).isEqualTo(first);
        assertThat(counter.find(5, 22)).isEqualTo(second);
        counter.clear();
        assertThat(counter.find(5, 11)).isEqualTo(-1);
        assertThat(counter.hasEntries()).isFalse();
    }
}
