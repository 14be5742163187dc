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
    // Fresh for every test (JUnit makes a new instance per test); thisThread is the test thread's record, and
    // every other writer thread makes its own.
    private final LatencyLog log = new LatencyLog();
    private final ShapeStats stats = shape(1, log);
    private final Execution thisThread = new Execution();

    private static ShapeStats shape(long id, LatencyLog log) {
        return new ShapeStats(new QueryShape(id, "select * from t" + id + " where id = ?", StatementKind.SELECT, null),
                log);
    }

    @Test
    void everyExecutionOfManyThreadsOnOneShapeIsCountedExactly() throws Exception {
        ShapeStats hot = stats;
        ShapeStats cold = shape(2, log);
        int threads = 8;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                await(start);
                Execution own = new Execution();
                for (int i = 0; i < perThread; i++) {
                    hot.record(1_000L * (1 + i % 100), false, 0, own);
                    if (i % 10 == 0) {
                        cold.record(5_000_000L, true, 0, own);
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
    void aWriterWhoseBufferIsFullWaitsForABusyLockRatherThanDropping() throws Exception {
        CountDownLatch writerRegistered = new CountDownLatch(1);
        CountDownLatch readerHoldsLock = new CountDownLatch(1);
        CountDownLatch releaseReader = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            Execution own = new Execution();
            stats.record(2_000, false, 0, own); // a thread's first write registers its buffer, under the lock
            written.incrementAndGet();
            writerRegistered.countDown();
            await(readerHoldsLock); // the reader drained that first entry before it signalled: the buffer is empty
            for (int i = 0; i < LatencyLog.INITIAL_CAPACITY; i++) {
                stats.record(2_000, false, 0, own);
                written.incrementAndGet();
            }
            stats.record(3_000_000, false, 0, own);
            written.incrementAndGet();
        });
        writer.start();
        assertThat(writerRegistered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread reader = new Thread(() -> log.locked(() -> {
            readerHoldsLock.countDown();
            await(releaseReader);
            return null;
        }));
        reader.start();

        // The lock is taken, so the writer's drains are skipped (never waited for) until its buffer is full; the next
        // write must wait for the lock, not drop.
        assertThat(readerHoldsLock.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written.get() <= LatencyLog.INITIAL_CAPACITY && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        waitUntilWaiting(writer);
        assertThat(written.get()).isEqualTo(1 + LatencyLog.INITIAL_CAPACITY);

        releaseReader.countDown();
        writer.join(10_000);
        reader.join(10_000);
        Histogram total = stats.harvest();
        assertThat(total.getTotalCount()).isEqualTo(LatencyLog.INITIAL_CAPACITY + 2L);
        assertThat(total.getMaxValue()).isBetween(2_970L, 3_030L);
    }

    @Test
    void theBuffersOfEndedThreadsAreDrainedAndDroppedSoManyShortLivedThreadsHoldNoMemory() throws Exception {
        int threads = 200;
        for (int t = 0; t < threads; t++) {
            Thread shortLived = new Thread(() -> {
                Execution own = new Execution();
                for (int i = 0; i < 3; i++) { // fewer than a drain's worth: left in the buffer when the thread ends
                    stats.record(4_000, false, 0, own);
                }
            });
            shortLived.start();
            shortLived.join();
        }
        // Registering a new thread's buffer dropped the ended ones whenever the registry was full, without a reader.
        assertThat(log.buffersHeld()).isLessThan(threads / 4);

        assertThat(stats.harvest().getTotalCount()).isEqualTo(3L * threads);
        assertThat(log.buffersHeld()).isZero();
    }

    @Test
    void anIntervalTakenForTheStreamCarriesTheShapesTotalsFromTheSameDrain() {
        for (int i = 0; i < 4; i++) {
            stats.record(10_000, i == 0, 3, thisThread);
        }
        ShapeStats.Drained first = stats.takeUnshippedInterval();
        assertThat(first.latencies().getTotalCount()).isEqualTo(4);
        assertThat(first.rows()).isEqualTo(12);
        assertThat(first.errors()).isEqualTo(1);

        stats.record(10_000, false, 5, thisThread);
        ShapeStats.Drained second = stats.takeUnshippedInterval();
        assertThat(second.latencies().getTotalCount()).as("the interval: since the last take").isEqualTo(1);
        assertThat(second.rows()).as("the totals: since the start").isEqualTo(17);
        assertThat(second.errors()).isEqualTo(1);
    }

    @Test
    void theEventStreamsIntervalHoldsWhatWasRecordedSinceItWasLastTaken() {
        for (int i = 0; i < 10; i++) {
            stats.record(10_000, false, 0, thisThread);
        }
        assertThat(stats.takeUnshippedInterval().latencies().getTotalCount()).isEqualTo(10);
        stats.record(20_000, false, 0, thisThread);
        Histogram second = stats.takeUnshippedInterval().latencies();
        assertThat(second.getTotalCount()).isEqualTo(1);
        stats.restoreUnshipped(second); // not shipped: comes back with the next interval
        stats.record(30_000, false, 0, thisThread);
        assertThat(stats.takeUnshippedInterval().latencies().getTotalCount()).isEqualTo(2);
        assertThat(stats.snapshot().executions()).isEqualTo(12);
    }

    @Test
    void aWriterDrainsItsOwnBufferEveryQuarterSoEntriesDoNotWaitForAReader() {
        int quarter = LatencyLog.INITIAL_CAPACITY / 4;
        for (int i = 0; i < quarter - 1; i++) {
            stats.record(1_000, false, 0, thisThread);
        }
        assertThat(log.backlog()).isEqualTo(quarter - 1);
        stats.record(1_000, false, 0, thisThread); // completes the quarter: drained by this writer
        assertThat(log.backlog()).isZero();
        assertThat(stats.snapshot().executions()).isEqualTo(quarter);
    }

    @Test
    void aBusyThreadsBufferGrowsToDrainInLargerBatchesAndLosesNothingOnTheWay() {
        stats.record(1_000, false, 0, thisThread);
        assertThat(thisThread.latencyBuffer(log).capacity()).isEqualTo(LatencyLog.INITIAL_CAPACITY);
        for (int i = 1; i < 10_000; i++) {
            stats.record(1_000, false, 0, thisThread);
        }
        assertThat(thisThread.latencyBuffer(log).capacity()).isEqualTo(LatencyLog.MAX_CAPACITY);
        assertThat(stats.snapshot().executions()).isEqualTo(10_000);
    }

    @Test
    void rowsTravelWithTheirLatencyAndAlone() {
        stats.record(3_000, false, 7, thisThread);
        stats.addRows(5, thisThread); // rows read after the latency was recorded
        stats.record(TimeUnit.HOURS.toNanos(2), false, 1, thisThread); // the largest latency beside rows
        stats.addRows(0, thisThread);

        assertThat(stats.rows()).isEqualTo(13);
        Histogram total = stats.harvest();
        assertThat(total.getTotalCount()).as("a rows-only entry is not an execution").isEqualTo(2);
        assertThat(total.getMinValue()).isEqualTo(3);
        assertThat(total.getMaxValue()).isGreaterThanOrEqualTo(ShapeStats.HIGHEST_TRACKABLE_MICROS);
    }

    @Test
    void aRowCountBeyondOneEntrysRangeIsSplitNotTruncated() {
        long rows = 3L * 0xFFFF_FFFFL + 12;
        stats.record(4_000, false, rows, thisThread);
        assertThat(stats.rows()).isEqualTo(rows);
        assertThat(stats.snapshot().executions()).isEqualTo(1);
    }

    @Test
    void valuesOutsideTheRangeAreClampedNotRefused() {
        stats.record(0, false, 0, thisThread);
        stats.record(TimeUnit.HOURS.toNanos(5), false, 0, thisThread);
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
