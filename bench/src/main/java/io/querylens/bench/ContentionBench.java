package io.querylens.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The prepared select of {@link WrapperOverheadBench} from 2, 8 and 32 threads at once, each with its own connection
 * (as each would borrow one from a pool) and all running the same statement, so every thread records into the same
 * query shape: this is where shared per-shape state (histograms, counters) would show contention. The question is
 * whether a select costs more per core used when many threads share the cores than when one thread has a core to
 * itself, for QueryLens beyond what it costs raw.
 *
 * <p>Each fork answers it on its own: its iterations rotate through four {@link Phase}s, raw and the variant, each
 * with every thread working ({@code shared}) and with only the first thread working while the others sleep
 * ({@code solo}), and {@link ThreadScaling} compares the phases of each cycle. Before 2026-12-05 the one-thread
 * and 32-thread figures came from separate benchmarks, hence separate forks, and single forks of one build put
 * QueryLens's ratio anywhere from 0.97x to 1.37x: the fork's placement (where the collector left each thread's
 * objects, which processor the JIT compiler shared) moved it as much as the target allows. Within a fork both sides
 * run on the same compiled code and the same heap, a second apart.
 *
 * <p>Throughput mode, because JMH sums throughput over threads: in a solo phase the sleeping threads add one
 * operation per {@link #IDLE_NAP_NANOS} each (~0.01% of the working thread's), and {@link ThreadScaling} reads the
 * working thread's own result anyway. Per core used, a shared phase costs
 * {@code min(threads, processors) / summed throughput} per operation and a solo phase {@code 1 / its throughput}.
 *
 * <p>The 8- and 32-thread cases warm up for 16 and 30 seconds: the benchmark method (JMH's stub around it) is
 * compiled only once its threads run, and with 32 threads busy on 2 cores the compiler threads get about a sixteenth
 * of a core. Iterations measured 65 µs, 37 µs, 13 µs and only after 20 seconds a steady 4.6 µs per operation (before
 * the latency log's per-thread buffers); {@link OverheadReport}'s quick mode therefore keeps this class's warm-up.
 * Every iteration measures on the same heap, every live object in the old generation ({@link OldHeap}).
 *
 * <p>Run with the report ({@link OverheadReport}):
 * <pre>
 * ./mvnw -q -pl bench,agent -am package -DskipTests &amp;&amp; java -Dquick=true -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport
 * </pre>
 * or alone: {@code java -jar bench/target/benchmarks.jar ContentionBench -prof gc} (JMH's own per-iteration scores
 * then alternate between the phases; its summary mixes them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 48, time = 500, timeUnit = TimeUnit.MILLISECONDS) // 6 cycles of the four phases
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

    /**
     * How long a thread with nothing to do in a solo phase sleeps between looks at the phase: long enough that 31 of
     * them wake ~600 times a second in all (nothing beside a select taking ~100 ns), short enough that JMH's end of
     * the iteration waits for them at most this long.
     */
    static final long IDLE_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Raw runs beside every variant in the same fork; this names the variant. */
    @Param({"querylens", CLOCK_FLOOR})
    public String variant;

    private Connection raw;
    private Connection measured;
    private boolean clockFloor;
    private boolean first;
    private long nextKey;
    private long clockSum;

    /**
     * One iteration's work: which side runs, and whether all threads do or only the first. A cycle runs the four
     * phases in this order and then in reverse, so a drift over the fork, and whatever a phase leaves behind for the
     * next one, lands on both sides of each comparison alike. (With the order alone, cycles of one fork alternated
     * between 1.2 and 0.85, depending on which phase followed which.)
     */
    enum Phase {
        RAW_SOLO(true, true), VARIANT_SOLO(false, true), VARIANT_SHARED(false, false), RAW_SHARED(true, false);

        /** Iterations in a cycle: each phase twice. */
        static final int CYCLE = 2 * values().length;

        final boolean raw;
        final boolean solo;

        Phase(boolean raw, boolean solo) {
            this.raw = raw;
            this.solo = solo;
        }

        /** The phase of iteration {@code index}, counted from 0 (warm-up and measurement apart). */
        static Phase at(int index) {
            int position = index % CYCLE;
            int phases = values().length;
            return values()[position < phases ? position : CYCLE - 1 - position];
        }
    }

    /** Sets each iteration's phase; JMH runs a benchmark-scoped iteration setup once, before any thread starts. */
    @State(Scope.Benchmark)
    public static class Phases {
        private int warmupIterations;
        private int measurementIterations;
        Phase current = Phase.RAW_SOLO;

        @Setup(Level.Iteration)
        public void nextPhase(IterationParams iteration) {
            int index = iteration.getType() == IterationType.WARMUP ? warmupIterations++ : measurementIterations++;
            current = Phase.at(index);
        }
    }

    /** Per thread: {@link WrapperVariant#open()} sets properties first, idempotently, so each thread may call it. */
    @Setup(Level.Trial)
    public void openConnections(ThreadParams thread) throws SQLException {
        clockFloor = CLOCK_FLOOR.equals(variant);
        first = thread.getThreadIndex() == 0;
        raw = WrapperVariant.RAW.open();
        measured = wrapperOf(variant).open();
    }

    /** The way to the stub that {@code variant} uses: the control goes through the raw driver. */
    static WrapperVariant wrapperOf(String variant) {
        return CLOCK_FLOOR.equals(variant) ? WrapperVariant.RAW : WrapperVariant.named(variant);
    }

    @TearDown(Level.Trial)
    public void closeConnections(Blackhole blackhole) throws SQLException {
        blackhole.consume(clockSum);
        raw.close();
        measured.close();
    }

    private void select(Phases phases, Blackhole blackhole) throws SQLException {
        Phase phase = phases.current;
        if (phase.solo && !first) {
            LockSupport.parkNanos(IDLE_NAP_NANOS);
        } else if (phase.raw) {
            Workloads.preparedSelect(raw, nextKey++, blackhole);
        } else if (clockFloor) {
            long start = System.nanoTime();
            Workloads.preparedSelect(measured, nextKey++, blackhole);
            clockSum += System.nanoTime() - start;
        } else {
            Workloads.preparedSelect(measured, nextKey++, blackhole);
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

    @Benchmark
    @Threads(2)
    public void preparedSelect2Threads(CompiledFirst compiled, OldHeap heap, Phases phases, Blackhole blackhole)
            throws SQLException {
        select(phases, blackhole);
    }

    @Benchmark
    @Threads(8)
    @Warmup(iterations = 32, time = 500, timeUnit = TimeUnit.MILLISECONDS) // compiled late: see the class comment
    public void preparedSelect8Threads(CompiledFirst compiled, OldHeap heap, Phases phases, Blackhole blackhole)
            throws SQLException {
        select(phases, blackhole);
    }

    @Benchmark
    @Threads(32)
    @Warmup(iterations = 56, time = 500, timeUnit = TimeUnit.MILLISECONDS) // compiled late: see the class comment
    public void preparedSelect32Threads(CompiledFirst compiled, OldHeap heap, Phases phases, Blackhole blackhole)
            throws SQLException {
        select(phases, blackhole);
    }
}
