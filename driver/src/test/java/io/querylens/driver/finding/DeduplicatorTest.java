package io.querylens.driver.finding;

import io.querylens.driver.internal.Faults;
import io.querylens.driver.sink.FindingSink;
import io.querylens.driver.sink.RecordingLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeduplicatorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final RecordingLog log = new RecordingLog();
    private final Faults faults = new Faults(log);
    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private Deduplicator.Builder onThisThread() {
        return Deduplicator.builder(faults).sinks(List.of(sink)).nanoClock(nanos::get)
                .drainInBackground(false).closeAtShutdown(false);
    }

    private static Finding.Builder nPlusOne(String callSite) {
        return Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING)
                .fingerprint("fp-orders").sql("select * from orders where customer_id = ?")
                .callSite(callSite).table("orders");
    }

    @Test
    void repeatedReportsMergeIntoOneFindingWithLargestCountAndSummedOccurrences() {
        try (Deduplicator dedup = onThisThread().build()) {
            dedup.report(nPlusOne("A.load(A.java:1)").count(5).occurrences(1).firstSeen(T0).suggestion("first").build());
            dedup.report(nPlusOne("A.load(A.java:1)").count(12).occurrences(2).firstSeen(T0.plusSeconds(5)).build());
            dedup.report(nPlusOne("A.load(A.java:1)").count(3).occurrences(1).firstSeen(T0.plusSeconds(9))
                    .suggestion("latest").build());
            dedup.flush();

            assertThat(dedup.current()).singleElement().satisfies(f -> {
                assertThat(f.count()).isEqualTo(12);
                assertThat(f.occurrences()).isEqualTo(4);
                assertThat(f.firstSeen()).isEqualTo(T0);
                assertThat(f.lastSeen()).isEqualTo(T0.plusSeconds(9));
                assertThat(f.suggestion()).isEqualTo("latest");
            });
        }
    }

    @Test
    void sameShapeFromAnotherCallSiteIsAnotherProblem() {
        try (Deduplicator dedup = onThisThread().build()) {
            dedup.report(nPlusOne("A.load(A.java:1)").build());
            dedup.report(nPlusOne("B.load(B.java:7)").build());
            dedup.report(Finding.builder(FindingKind.REPEATED_QUERY, Severity.INFO).fingerprint("fp-orders")
                    .callSite("A.load(A.java:1)").build());
            dedup.flush();

            assertThat(dedup.current()).hasSize(3);
            assertThat(sink.received()).hasSize(3);
        }
    }

    @Test
    void grownProblemIsEmittedAgainAtMostOncePerUpdateInterval() {
        try (Deduplicator dedup = onThisThread().updateSeconds(1).build()) {
            dedup.report(nPlusOne("A.load(A.java:1)").count(5).build());
            dedup.flush();
            assertThat(sink.received()).hasSize(1);

            dedup.report(nPlusOne("A.load(A.java:1)").count(8).build());
            dedup.flush();
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
            dedup.report(nPlusOne("A.load(A.java:1)").count(9).build());
            dedup.flush();
            assertThat(sink.received()).as("within the interval: no update").hasSize(1);

            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            dedup.flush();
            assertThat(sink.received()).hasSize(2);
            assertThat(sink.received().get(1).count()).isEqualTo(9);
            assertThat(sink.received().get(1).occurrences()).isEqualTo(3);

            nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
            dedup.flush();
            assertThat(sink.received()).as("unchanged since the update: nothing new").hasSize(2);
        }
    }

    @Test
    void closeEmitsChangedCountsAtOnceAndClosesSinks() {
        Deduplicator dedup = onThisThread().updateSeconds(3600).build();
        dedup.report(nPlusOne("A.load(A.java:1)").count(5).build());
        dedup.report(nPlusOne("B.load(B.java:7)").count(5).build());
        dedup.flush();
        dedup.report(nPlusOne("A.load(A.java:1)").count(40).build());

        dedup.close();

        assertThat(sink.received()).hasSize(3);
        Finding last = sink.received().get(2);
        assertThat(last.callSite()).isEqualTo("A.load(A.java:1)");
        assertThat(last.count()).isEqualTo(40);
        assertThat(last.occurrences()).isEqualTo(2);
        assertThat(sink.closed()).isTrue();
    }

    @Test
    void reportsAfterCloseAreIgnored() {
        Deduplicator dedup = onThisThread().build();
        dedup.close();
        dedup.report(nPlusOne("A.load(A.java:1)").build());
        dedup.flush();
        assertThat(sink.received()).isEmpty();
        assertThat(dedup.droppedFindings()).isZero();
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfBlocking() {
        try (Deduplicator dedup = onThisThread().queueCapacity(2).build()) {
            for (int i = 0; i < 5; i++) {
                dedup.report(nPlusOne("A.load(A.java:" + i + ")").build());
            }
            assertThat(dedup.droppedFindings()).isEqualTo(3);
            dedup.flush();
            assertThat(dedup.current()).hasSize(2);
            assertThat(log.warnings()).singleElement().asString().contains("queue was full");
        }
    }

    @Test
    void newProblemsBeyondMaxKeysAreDroppedWithOneWarning() {
        try (Deduplicator dedup = onThisThread().maxKeys(3).build()) {
            for (int i = 0; i < 6; i++) {
                dedup.report(nPlusOne("A.load(A.java:" + i + ")").build());
            }
            dedup.report(nPlusOne("A.load(A.java:0)").count(9).build());
            dedup.flush();

            assertThat(dedup.current()).hasSize(3);
            assertThat(dedup.current().get(0).count()).as("known problems still merge").isEqualTo(9);
            assertThat(dedup.droppedKeys()).isEqualTo(3);
            assertThat(log.warnings()).singleElement().asString().contains("3 distinct findings");
        }
    }

    @Test
    void throwingSinkDoesNotStopOtherSinks() {
        FindingSink broken = finding -> {
            throw new IllegalStateException("sink is broken");
        };
        try (Deduplicator dedup = onThisThread().sinks(List.of(broken, sink)).build()) {
            dedup.report(nPlusOne("A.load(A.java:1)").build());
            dedup.report(nPlusOne("B.load(B.java:2)").build());
            dedup.flush();

            assertThat(sink.received()).hasSize(2);
            assertThat(faults.count("sink " + broken.getClass().getName())).isEqualTo(2);
        }
    }

    @Test
    void findingsBelowMinimumSeverityAreIgnored() {
        try (Deduplicator dedup = onThisThread().minSeverity(Severity.WARNING).build()) {
            dedup.report(Finding.builder(FindingKind.REPEATED_QUERY, Severity.INFO).fingerprint("a").build());
            dedup.report(Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING).fingerprint("b").build());
            dedup.report(Finding.builder(FindingKind.DDL_OUTSIDE_MIGRATION, Severity.CRITICAL).fingerprint("c").build());
            dedup.flush();

            assertThat(sink.received()).extracting(Finding::fingerprint).containsExactly("b", "c");
        }
    }

    @Test
    void reportingNullDoesNotThrow() {
        try (Deduplicator dedup = onThisThread().build()) {
            dedup.report(null);
            dedup.flush();
            assertThat(dedup.current()).isEmpty();
        }
    }

    @Test
    void backgroundThreadEmitsNewProblemsWithoutFlush() {
        try (Deduplicator dedup = Deduplicator.builder(faults).sinks(List.of(sink)).closeAtShutdown(false).build()) {
            dedup.report(nPlusOne("A.load(A.java:1)").build());

            await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);
            assertThat(sink.threads()).containsExactly(Deduplicator.THREAD_NAME);
        }
    }

    @Test
    void reportsFromManyThreadsAreAllCounted() throws Exception {
        int threads = 8;
        int reportsPerThread = 1_000;
        Deduplicator dedup = Deduplicator.builder(faults).sinks(List.of(sink)).closeAtShutdown(false)
                .queueCapacity(threads * reportsPerThread).build();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String callSite = "Worker.run(Worker.java:" + (t % 2) + ")";
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < reportsPerThread; i++) {
                    dedup.report(nPlusOne(callSite).count(i % 50).build());
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        dedup.close();

        assertThat(dedup.droppedFindings()).isZero();
        assertThat(dedup.current()).hasSize(2)
                .allSatisfy(f -> assertThat(f.count()).isEqualTo(49))
                .extracting(Finding::occurrences).containsOnly((long) threads / 2 * reportsPerThread);
    }
}
