package io.querylens.collector.reliability;

import io.querylens.collector.process.ChildProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, "Faults": applications and collector as separate JVMs on one Chronicle Queue, against embedded
 * PostgreSQL. The collector is absent while applications run, applications and the collector die by SIGKILL, and the
 * collector's merged totals are compared with what the applications executed.
 */
class CollectorFaultsTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;
    private FaultRig rig;

    @BeforeEach
    void rig() throws Exception {
        rig = new FaultRig(work, work.resolve("queue"));
    }

    @Test
    void applicationsNeverWaitForAnAbsentCollectorAndItCatchesUpWithExactTotals() throws Exception {
        int seconds = FaultRig.runSeconds(20);
        long executed;
        try (ChildProcess orders = rig.application("orders", 2, 5);
             ChildProcess billing = rig.application("billing", 2, 5)) {
            orders.send("for " + seconds * 1000L);
            billing.send("for " + seconds * 1000L);
            String ordersDone = orders.awaitLine("done", seconds + 120L);
            String billingDone = billing.awaitLine("done", seconds + 120L);
            assertThat(ordersDone).endsWith("failures 0");
            assertThat(billingDone).endsWith("failures 0");
            for (ChildProcess app : List.of(orders, billing)) {
                List<Long> progress = app.lines().stream().filter(l -> l.startsWith("progress "))
                        .map(FaultRig::number).distinct().toList();
                assertThat(progress).as("progress reported twice a second kept growing, nothing blocked")
                        .hasSizeGreaterThanOrEqualTo(seconds).isSorted();
            }
            executed = FaultRig.number(ordersDone) + FaultRig.number(billingDone);
            orders.send("exit");
            billing.send("exit");
            assertThat(orders.awaitExit(60)).isZero();
            assertThat(billing.awaitExit(60)).isZero();
        }
        try (Stream<Path> files = Files.list(rig.queue)) {
            assertThat(files.filter(f -> f.toString().endsWith(".cq4")).count())
                    .as("cycle files within querylens.queue.retainCycles (24)").isBetween(1L, 24L);
        }

        try (FaultRig.Collector collector = rig.collector()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> collector.executions() >= executed);
            Thread.sleep(2_000); // anything counted twice would show by now
            assertThat(collector.executions()).isEqualTo(executed);
            System.out.printf("collector down for %d s while 2 applications executed %d statements: caught up "
                    + "exactly%n", seconds, executed);
        }
    }

    @Test
    void anApplicationKilledWhileWritingLosesAtMostItsUnflushedIntervalAndTheQueueStaysReadable() throws Exception {
        try (FaultRig.Collector collector = rig.collector();
             ChildProcess victim = rig.application("victim", 4, 3)) {
            victim.send("spin");
            List<long[]> startedOverTime = new ArrayList<>(); // {nanoTime, statements started}
            long spinUntil = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            long seenByCollector = 0;
            while (System.nanoTime() < spinUntil || seenByCollector == 0) {
                startedOverTime.add(new long[] {System.nanoTime(), rig.startedBy("victim")});
                seenByCollector = collector.executions();
                Thread.sleep(200);
            }
            long killedAt = System.nanoTime();
            victim.kill9();
            long started = rig.startedBy("victim");
            long startedFiveSecondsBeforeKill = startedOverTime.stream()
                    .filter(sample -> sample[0] <= killedAt - Duration.ofSeconds(5).toNanos())
                    .mapToLong(sample -> sample[1]).max().orElseThrow();

            long counted = awaitSteady(collector);
            assertThat(counted).as("what the collector had read before the kill is kept")
                    .isGreaterThanOrEqualTo(seenByCollector);
            assertThat(counted).as("never more than the killed process started").isLessThanOrEqualTo(started);
            assertThat(counted).as("lost at most the last interval (flush every 1 s, 5 s allowed): started %d, "
                    + "counted %d", started, counted).isGreaterThanOrEqualTo(startedFiveSecondsBeforeKill);

            System.out.printf("SIGKILL of an application: started %d, started 5 s before the kill %d, read by the "
                    + "collector before the kill %d, counted after %d%n", started, startedFiveSecondsBeforeKill,
                    seenByCollector, counted);
            try (ChildProcess after = rig.application("after", 1, 1)) {
                after.send("run 1000");
                after.awaitLine("done 1000 failures 0", 120);
                after.send("exit");
                assertThat(after.awaitExit(60)).isZero();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> collector.executions() >= counted + 1000);
            Thread.sleep(2_000);
            assertThat(collector.executions()).as("the queue is still readable and appendable after the kill")
                    .isEqualTo(counted + 1000);
        }
    }

    @Test
    void aCollectorKilledRepeatedlyUnderLoadHasExactTotalsAfterEachRestart() throws Exception {
        int kills = Integer.getInteger("querylens.reliability.collectorKills", 3);
        int perBurst = 10_000;
        FaultRig.Collector collector = rig.collector();
        try (ChildProcess orders = rig.application("orders", 2, 3);
             ChildProcess billing = rig.application("billing", 2, 3)) {
            long expected = 0;
            for (int kill = 1; kill <= kills; kill++) {
                int ordersFrom = orders.lines().size();
                int billingFrom = billing.lines().size();
                orders.send("run " + perBurst);
                billing.send("run " + perBurst);
                long before = expected;
                FaultRig.Collector running = collector;
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> running.executions() > before);
                boolean underLoad = orders.countLines(l -> l.startsWith("done")) < kill;
                collector.process().kill9();
                collector = rig.collector();
                expected = FaultRig.number(orders.awaitLine("done", ordersFrom, 120))
                        + FaultRig.number(billing.awaitLine("done", billingFrom, 120));
                assertThat(expected).isEqualTo(2L * perBurst * kill);
                FaultRig.Collector restarted = collector;
                long target = expected;
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> restarted.executions() >= target);
                Thread.sleep(1_500); // anything counted twice would show by now
                assertThat(collector.executions()).as("after kill %d (while applications wrote: %s)", kill, underLoad)
                        .isEqualTo(expected);
                System.out.printf("kill %d of the collector (applications still writing: %s): total %d exact%n",
                        kill, underLoad, expected);
            }
        } finally {
            collector.close();
        }
    }

    /** The collector's total once it stopped changing for three polls a second apart. */
    private static long awaitSteady(FaultRig.Collector collector) throws Exception {
        long[] last = {-1};
        int[] same = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = collector.executions();
            same[0] = now == last[0] ? same[0] + 1 : 0;
            last[0] = now;
            return same[0] >= 3;
        });
        return last[0];
    }
}
