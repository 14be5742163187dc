package io.querylens.driver.recording;

import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60) // a writer that waited where it should not would hang the test
class LatencyLogTest {

    private static ShapeStats shape(long id, LatencyLog log) {
        return new ShapeStats(new QueryShape(id, "select * from t" + id + " where id = ?", StatementKind.SELECT, null),
                log);
    }

    @Test
    void everyExecutionOfManyThreadsOnOneShapeIsCountedExactly() throws Exception {
        LatencyLog log = new LatencyLog(2); // fewer rings than threads: writers share rings, as they may in production
        ShapeStats hot = shape(1, log);
        ShapeStats cold = shape(2, log);
        int threads = 8;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    hot.record(1_000L * (1 + i % 100), false);
                    if (i % 10 == 0) {
                        cold.record(5_000_000L, true);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        long seenWhileRunning = 0;
        while (writers.stream().anyMatch(Thread::isAlive)) {
            long seen = hot.harvest().getTotalCount();
            assertThat(seen).isGreaterThanOrEqualTo(seenWhileRunning); // a reader never loses what it saw
            seenWhileRunning = seen;
        }
        for (Thread writer : writers) {
            writer.join();
        }

        ShapeSnapshot hotTotals = hot.snapshot();
        assertThat(hotTotals.executions()).isEqualTo((long) threads * perThread);
        assertThat(hotTotals.maxMicros()).isBetween(100L, 101L);
        ShapeSnapshot coldTotals = cold.snapshot();
        assertThat(coldTotals.executions()).isEqualTo((long) threads * (perThread / 10));
        assertThat(coldTotals.errors()).isEqualTo((long) threads * (perThread / 10));
        assertThat(coldTotals.p50Micros()).isBetween(4_950L, 5_050L);
    }

    @Test
    void aWriterThatFindsItsRingFullWritesIntoAnotherAndWaitsOnlyWhenAllAreFull() throws Exception {
        LatencyLog log = new LatencyLog(2);
        ShapeStats stats = shape(1, log);
        CountDownLatch readerHoldsLock = new CountDownLatch(1);
        CountDownLatch releaseReader = new CountDownLatch(1);
        Thread reader = new Thread(() -> log.locked(() -> {
            readerHoldsLock.countDown();
            await(releaseReader);
            return null;
        }));
        reader.start();
        assertThat(readerHoldsLock.await(10, TimeUnit.SECONDS)).isTrue();

        // The lock is taken, so nothing drains: this thread's ring fills, then the other ring takes its writes (this
        // loop would hang otherwise), and only then must a writer wait rather than drop.
        for (int i = 0; i < 2 * LatencyLog.RING_CAPACITY; i++) {
            stats.record(2_000, false);
        }
        AtomicLong overflowDone = new AtomicLong();
        Thread overflow = new Thread(() -> {
            stats.record(3_000_000, false);
            overflowDone.set(System.nanoTime());
        });
        overflow.start();
        waitUntilWaiting(overflow);
        assertThat(overflowDone.get()).isZero();

        releaseReader.countDown();
        overflow.join(10_000);
        reader.join(10_000);
        Histogram total = stats.harvest();
        assertThat(total.getTotalCount()).isEqualTo(2L * LatencyLog.RING_CAPACITY + 1);
        assertThat(total.getMaxValue()).isBetween(2_970L, 3_030L);
    }

    @Test
    void theEventStreamsIntervalHoldsWhatWasRecordedSinceItWasLastTaken() {
        LatencyLog log = new LatencyLog(4);
        ShapeStats stats = shape(1, log);
        for (int i = 0; i < 10; i++) {
            stats.record(10_000, false);
        }
        assertThat(stats.takeUnshippedInterval().getTotalCount()).isEqualTo(10);
        stats.record(20_000, false);
        Histogram second = stats.takeUnshippedInterval();
        assertThat(second.getTotalCount()).isEqualTo(1);
        stats.restoreUnshipped(second); // not shipped: comes back with the next interval
        stats.record(30_000, false);
        assertThat(stats.takeUnshippedInterval().getTotalCount()).isEqualTo(2);
        assertThat(stats.snapshot().executions()).isEqualTo(12);
    }

    @Test
    void aWriterDrainsItsOwnRingEveryQuarterSoEntriesDoNotWaitForAReader() {
        LatencyLog log = new LatencyLog(1);
        ShapeStats stats = shape(1, log);
        int quarter = LatencyLog.RING_CAPACITY / 4;
        for (int i = 0; i < quarter - 1; i++) {
            stats.record(1_000, false);
        }
        assertThat(log.backlog()).isEqualTo(quarter - 1);
        stats.record(1_000, false); // fills the quarter: drained by this writer
        assertThat(log.backlog()).isZero();
        assertThat(stats.snapshot().executions()).isEqualTo(quarter);
    }

    @Test
    void valuesOutsideTheRangeAreClampedNotRefused() {
        LatencyLog log = new LatencyLog(1);
        ShapeStats stats = shape(1, log);
        stats.record(0, false);
        stats.record(TimeUnit.HOURS.toNanos(5), false);
        Histogram total = stats.harvest();
        assertThat(total.getTotalCount()).isEqualTo(2);
        assertThat(total.getMinValue()).isEqualTo(ShapeStats.LOWEST_DISCERNIBLE_MICROS);
        assertThat(total.getMaxValue()).isGreaterThanOrEqualTo(ShapeStats.HIGHEST_TRACKABLE_MICROS);
    }

    private static void waitUntilWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
