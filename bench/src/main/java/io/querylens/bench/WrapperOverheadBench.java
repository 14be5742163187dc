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
 * What each way of watching JDBC adds to one statement, every variant side by side over the same no-I/O stub driver
 * ({@link io.querylens.bench.stub.StubDriver}), so the raw variant is the floor (~0 B/op) and every difference is the
 * wrapper's. Variants: {@link WrapperVariant}; workloads: {@link Workloads}. Every variant measures with its
 * long-lived objects in the old generation ({@link OldHeap}), whether it allocates or not.
 *
 * <p>The report (this class, {@link ContentionBench} and {@link PostgresBench}, every variant including the javaagent
 * in forks of its own, {@code -prof gc}; writes {@code bench/RESULTS.md}; drop {@code -Dquick=true} for the full,
 * ~1 hour run):
 * <pre>
 * ./mvnw -q -pl bench,agent -am package -DskipTests &amp;&amp; java -Dquick=true -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport
 * </pre>
 * JMH's own command line, e.g. one workload and two variants, or the agent:
 * <pre>
 * java -jar bench/target/benchmarks.jar 'WrapperOverheadBench.preparedSelect' -p variant=raw,p6spy -prof gc
 * java -jar bench/target/benchmarks.jar 'WrapperOverheadBench' -p variant=agent -jvmArgsAppend -javaagent:agent/target/querylens-agent.jar -prof gc
 * </pre>
 * Each variant must run in its own JVM (JMH forks per parameter value; never {@code -f 0}): the libraries read their
 * configuration once, when they first load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    "-Xms1g", "-Xmx1g",
    // What the QueryLens driver's event stream (Chronicle Queue) needs on 17 and 25; harmless to the others.
    "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
})
public class WrapperOverheadBench {

    @Param({"raw", "querylens", "querylensHistogramsOnly", "p6spy", "p6spyDefault", "datasourceProxy", "otelNoop",
        "otelSdk"})
    public String variant;

    private WrapperVariant wrapper;
    private Connection connection;
    private long nextKey;
    private int operation;

    @Setup(Level.Trial)
    public void openConnection() throws SQLException {
        wrapper = WrapperVariant.named(variant);
        connection = wrapper.open();
    }

    @TearDown(Level.Iteration)
    public void afterIteration() {
        wrapper.afterIteration();
    }

    @TearDown(Level.Trial)
    public void closeConnection() throws SQLException {
        connection.close();
    }

    /** (a) Prepare, bind a key, execute, read the row's 3 columns, close the result set and the statement. */
    @Benchmark
    public void preparedSelect(OldHeap heap, Blackhole blackhole) throws SQLException {
        Workloads.preparedSelect(connection, nextKey++, blackhole);
    }

    /** (b) Prepare, bind a key, executeUpdate, close. */
    @Benchmark
    public int preparedUpdate(OldHeap heap) throws SQLException {
        return Workloads.preparedUpdate(connection, nextKey++);
    }

    /** (c) createStatement and executeQuery with literals in the text, cycling through 4 texts of 3 shapes. */
    @Benchmark
    public void statementSelect(OldHeap heap, Blackhole blackhole) throws SQLException {
        Workloads.statementSelect(connection, operation++, blackhole);
    }

    /** (d) Prepare, 100 x (bind 3 values, addBatch), executeBatch, close: one operation is the whole batch. */
    @Benchmark
    public int[] batchInsert(OldHeap heap) throws SQLException {
        long firstKey = nextKey;
        nextKey += Workloads.BATCH_SIZE;
        return Workloads.batchInsert(connection, firstKey);
    }
}
