package io.querylens.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The prepared select of {@link WrapperOverheadBench} from 1, 2, 8 and 32 threads at once, each with its own
 * connection (as each would borrow one from a pool) and all running the same statement, so every thread records into
 * the same query shape: this is where shared per-shape state (histograms, counters) would show contention. Times are
 * per operation per thread; with more threads than cores they include waiting for a core, identically for raw, so the
 * report compares the added cost per operation per core used ({@code ns/op × min(threads, cores) / threads}) at N
 * threads with the same at 1 thread. Every thread count measures on the same heap, every live object in the old
 * generation ({@link OldHeap}).
 *
 * <p>Three forks, not the two of the other suites: where the collector's compaction leaves each thread's objects moves
 * a fork's time at 8 threads by up to a tenth (465 and 409 ns/op per thread, two forks of one build), and the
 * report's ratio divides two such figures.
 *
 * <p>The 8- and 32-thread cases warm up for 16 and 30 seconds: the benchmark method (JMH's stub around it) is
 * compiled only once its threads run, and with 32 threads busy on 2 cores the compiler threads get about a sixteenth
 * of a core. Iterations measured 65 µs, 37 µs, 13 µs and only after 20 seconds a steady 4.6 µs per operation (before
 * the latency log's per-thread buffers); {@link OverheadReport}'s quick mode therefore keeps this class's warm-up.
 *
 * <p>Run with the report ({@link OverheadReport}):
 * <pre>
 * ./mvnw -q -pl bench,agent -am package -DskipTests &amp;&amp; java -Dquick=true -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport
 * </pre>
 * or alone: {@code java -jar bench/target/benchmarks.jar ContentionBench -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {
    "-Xms1g", "-Xmx1g",
    "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
})
public class ContentionBench {

    /**
     * The control: the raw driver with the two {@code System.nanoTime()} reads every timing wrapper makes around a
     * statement, and nothing else. Two thirds of QueryLens's cost per select are those reads, and on this VM
     * ({@code kvm-clock}) they alone cost 6-17% more per core at 32 threads than at 1 in the runs of 2026-12-04
     * (one fork: 55.1 vs 1,018 ns/op per thread, against raw's 4.4 and 67.3): the control tells the machine's share
     * of QueryLens's ratio from ours.
     */
    static final String CLOCK_FLOOR = "rawTwoClockReads";

    @Param({"raw", "querylens", CLOCK_FLOOR})
    public String variant;

    private Connection connection;
    private long nextKey;
    private boolean clockFloor;
    private long clockSum;

    /** Per thread: {@link WrapperVariant#open()} sets properties first, idempotently, so each thread may call it. */
    @Setup(Level.Trial)
    public void openConnection() throws SQLException {
        clockFloor = CLOCK_FLOOR.equals(variant);
        connection = wrapperOf(variant).open();
    }

    /** The way to the stub that {@code variant} uses: the control goes through the raw driver. */
    static WrapperVariant wrapperOf(String variant) {
        return CLOCK_FLOOR.equals(variant) ? WrapperVariant.RAW : WrapperVariant.named(variant);
    }

    @TearDown(Level.Trial)
    public void closeConnection(Blackhole blackhole) throws SQLException {
        blackhole.consume(clockSum);
        connection.close();
    }

    private void select(Blackhole blackhole) throws SQLException {
        if (clockFloor) {
            long start = System.nanoTime();
            Workloads.preparedSelect(connection, nextKey++, blackhole);
            clockSum += System.nanoTime() - start;
        } else {
            Workloads.preparedSelect(connection, nextKey++, blackhole);
        }
    }

    /**
     * Runs the workload on one thread for two seconds before any benchmark thread starts. With 8 or 32 threads busy
     * on 2 cores the JIT compiler got so little processor time that a short warm-up measured half-compiled code
     * (iterations falling from 7 µs to 1 µs within one run), and far more for a wrapper than for raw, whose code is
     * smaller: what looked like contention was compilation.
     */
    @State(Scope.Benchmark)
    public static class CompiledFirst {
        @Setup(Level.Trial)
        public void runOnOneThreadFirst(BenchmarkParams params) throws SQLException {
            Blackhole sink = new Blackhole(
                    "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
            try (Connection warming = wrapperOf(params.getParam("variant")).open()) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                for (long key = 0; System.nanoTime() < until; key++) {
                    Workloads.preparedSelect(warming, key, sink);
                }
            }
        }
    }

    /** The baseline the others are compared with: the same statement, one thread, no sharing. */
    @Benchmark
    @Threads(1)
    public void preparedSelect1Thread(CompiledFirst compiled, OldHeap heap, Blackhole blackhole) throws SQLException {
        select(blackhole);
    }

    @Benchmark
    @Threads(2)
    public void preparedSelect2Threads(CompiledFirst compiled, OldHeap heap, Blackhole blackhole) throws SQLException {
        select(blackhole);
    }

    @Benchmark
    @Threads(8)
    @Warmup(iterations = 8, time = 2) // compiled late with many threads: see the class comment
    public void preparedSelect8Threads(CompiledFirst compiled, OldHeap heap, Blackhole blackhole) throws SQLException {
        select(blackhole);
    }

    @Benchmark
    @Threads(32)
    @Warmup(iterations = 15, time = 2) // compiled late with many threads: see the class comment
    public void preparedSelect32Threads(CompiledFirst compiled, OldHeap heap, Blackhole blackhole) throws SQLException {
        select(blackhole);
    }
}
