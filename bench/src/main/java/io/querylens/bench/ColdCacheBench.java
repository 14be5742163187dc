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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The prepared select of {@link WrapperOverheadBench} with the processor's caches emptied before each one, as a real
 * database leaves them: between two statements the client waits tens of microseconds for the server, whose backend
 * (on 2 cores, often on the same processor) and the driver's network code push the wrapper's objects and code out of
 * the L1 and L2 caches. A warm stub loop hides that cost; here every cache line the wrapper touches is a miss.
 *
 * <p>Why it exists: on PostgreSQL the select lost 2-4% of throughput to QueryLens in run after run (about 1-1.5 µs a
 * statement on a 47 µs one), ten times what the same work costs on the warm stub (~90 ns). This benchmark measures the
 * wrapper's cost with the misses and without the database's noise, so the number of lines touched per statement can
 * be measured and cut.
 *
 * <p>The eviction runs in an invocation-level setup, outside the measured time: it writes one long per 64-byte line
 * across {@link #evictKib} KiB (more than the L2 of these machines' cores), so only the wrappers' and the stub's own
 * misses are timed. JMH's invocation-level timestamps add the same few tens of nanoseconds to every variant; compare
 * added times, not absolute ones.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ColdCacheBench -p variant=raw,querylens,querylensHistogramsOnly
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    "-Xms1g", "-Xmx1g",
    "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
})
public class ColdCacheBench {
    private static final int LONGS_PER_LINE = 8;

    @Param({"raw", "querylens", "querylensHistogramsOnly", "p6spy", "datasourceProxy", "otelNoop"})
    public String variant;

    /** How much memory each eviction writes, in KiB: 4 MiB is four times a Zen 4/5 core's L2. */
    @Param({"4096"})
    public int evictKib;

    private WrapperVariant wrapper;
    private Connection connection;
    private long nextKey;
    private long[] evictor;
    private long evictions;

    @Setup(Level.Trial)
    public void openConnection() throws SQLException {
        wrapper = WrapperVariant.named(variant);
        connection = wrapper.open();
        evictor = new long[evictKib * 1024 / Long.BYTES];
    }

    /** Writes one word in every line of {@link #evictor}: the caches then hold it, not the wrapper. */
    @Setup(Level.Invocation)
    public void evictCaches() {
        long[] lines = evictor;
        long stamp = ++evictions;
        for (int i = 0; i < lines.length; i += LONGS_PER_LINE) {
            lines[i] = stamp;
        }
    }

    @TearDown(Level.Iteration)
    public void afterIteration() {
        wrapper.afterIteration();
    }

    @TearDown(Level.Trial)
    public void closeConnection() throws SQLException {
        connection.close();
    }

    @Benchmark
    public void preparedSelect(OldHeap heap, Blackhole blackhole) throws SQLException {
        Workloads.preparedSelect(connection, nextKey++, blackhole);
    }
}
