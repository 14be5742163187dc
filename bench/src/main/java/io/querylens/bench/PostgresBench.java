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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The same JDBC layers end to end on a real PostgreSQL 17 ({@link PostgresServer}): select by primary key on a
 * 100k-row table, single-row update by primary key, batch insert of 100, each on one reused connection
 * ({@code connection=reused}) and borrowed from a HikariCP pool per operation ({@code connection=pool}). Here the
 * wrappers compete with a network round trip and the server's work, so the question is the share of throughput they
 * cost (QueryLens's target: at least 98% of raw).
 *
 * <p>Every fork measures its variant against raw, in alternating iterations (see {@link PairedIterations}): on 2 cores
 * the client and the server backend share a processor in some forks and not in others, and that alone moved a
 * fork's time by a third (31 vs 43 µs per select), so a ratio of two forks' averages measured their placement more
 * than the variant. Within one fork both sides run under the same placement, one second each in turn. JMH's own
 * summary for a fork is therefore the mean of both sides; {@link OverheadReport} reads the iterations apart. With
 * {@code -p paired=false} every iteration runs the variant, as in any JMH benchmark.
 *
 * <p>Measured iterations are 200 ms, 60 of them (30 pairs a fork), not 1 s: the machine's own speed drifts over
 * seconds, and a pair's two sides see the same drift only if they run close together. Select through HikariCP,
 * 6 forks each (2026-12-05), each fork's median pair: QueryLens beside raw 98.4-107.2% with 1 s iterations,
 * 95.6-97.7% with 200 ms ones; raw beside itself with 200 ms ones 99.1-101.0% (five full runs with 1 s iterations
 * had put raw beside itself anywhere in 94.1-104.5%). Narrower, not gone: while the machine ran slower later the
 * same day (raw 57 µs a select instead of 47), single forks of QueryLens measured 89.9% and 101.8%.
 *
 * <p>Warm-up is 10 s: at ~30,000 statements a second, shared between two sides, C2 compiled the wrappers' hot path
 * only 6-8 s into a fork ({@code -XX:+PrintCompilation}), and until then the compiler thread took a quarter of a
 * processor from the client and the server (async-profiler, {@code threads=true}).
 *
 * <p>Part of the report ({@link OverheadReport}, which starts one server for all forks):
 * <pre>
 * ./mvnw -q -pl bench,agent -am package -DskipTests &amp;&amp; java -Dquick=true -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport
 * </pre>
 * Alone (each fork then starts its own embedded server):
 * {@code java -jar bench/target/benchmarks.jar PostgresBench -p variant=raw,querylens -prof gc}; the agent variant
 * needs {@code -p variant=agent -jvmArgsAppend -javaagent:agent/target/querylens-agent.jar}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1) // see the class documentation: C2 finishes with our path only after ~6-8 s
@Measurement(iterations = 60, time = 200, timeUnit = TimeUnit.MILLISECONDS) // 30 pairs: see the class documentation
@Fork(value = 2, jvmArgsAppend = {
    "-Xms1g", "-Xmx1g",
    "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
})
public class PostgresBench {

    @Param({"raw", "querylens", "querylensHistogramsOnly", "p6spy", "datasourceProxy", "otelNoop", "otelSdk"})
    public String variant;

    /** {@code reused}: one connection for the whole run; {@code pool}: borrowed from HikariCP for each operation. */
    @Param({"reused", "pool"})
    public String connection;

    /** {@code true}: iterations alternate between raw and {@code variant} (see the class documentation). */
    @Param({"true"})
    public boolean paired;

    private Database database;
    private Side measured;
    private Side raw;
    /** The side this iteration runs. */
    private Side side;
    private int warmupIterations;
    private int measurementIterations;
    private long operation;

    /** One variant's way to the server: its reused connection or its pool, as {@link #connection} says. */
    private record Side(Connection reused, WrapperVariant.Pool pool, boolean unwrapBorrowed) {

        static Side open(WrapperVariant wrapper, Database database, String connection) throws SQLException {
            return switch (connection) {
                case "reused" -> new Side(wrapper.open(database), null, false);
                case "pool" -> new Side(null, wrapper.openPool(database), false);
                default -> throw new IllegalArgumentException("connection must be reused or pool, not " + connection);
            };
        }

        /**
         * Raw beside the agent: the agent wraps every connection of its JVM, the raw ones included, so raw's side
         * there is the driver's own connection underneath the agent's wrapper (for the pool: unwrapped at each
         * borrow, a few nanoseconds that only make raw look slower, never the agent).
         */
        static Side rawBesideAgent(Database database, String connection) throws SQLException {
            Side wrapped = open(WrapperVariant.RAW, database, connection);
            return wrapped.reused == null ? new Side(null, wrapped.pool, true)
                    : new Side((Connection) wrapped.reused.unwrap(org.postgresql.PGConnection.class), null, false);
        }

        Connection borrow() throws SQLException {
            return pool.dataSource().getConnection();
        }

        /** What the workload runs on: the borrowed connection (closing that one gives it back to the pool). */
        Connection use(Connection borrowed) throws SQLException {
            return unwrapBorrowed ? (Connection) borrowed.unwrap(org.postgresql.PGConnection.class) : borrowed;
        }

        void close() throws SQLException {
            if (reused != null) {
                reused.close();
            }
            if (pool != null) {
                pool.close();
            }
        }
    }

    @Setup(Level.Trial)
    public void connect() throws SQLException {
        WrapperVariant wrapper = WrapperVariant.named(variant);
        database = PostgresServer.database();
        measured = Side.open(wrapper, database, connection);
        if (paired) {
            raw = wrapper == WrapperVariant.AGENT ? Side.rawBesideAgent(database, connection)
                    : Side.open(WrapperVariant.RAW, database, connection);
        }
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) throws SQLException {
        PostgresServer.emptyInsertTable(database);
        int index = iteration.getType() == IterationType.WARMUP ? warmupIterations++ : measurementIterations++;
        side = paired && PairedIterations.rawRunsAt(index) ? raw : measured;
    }

    @TearDown(Level.Trial)
    public void disconnect() throws SQLException {
        measured.close();
        if (raw != null) {
            raw.close();
        }
    }

    /** Prepare, bind the key, execute, read the row's 3 columns, close (and give the connection back). */
    @Benchmark
    public void selectByKey(Blackhole blackhole) throws SQLException {
        long key = PostgresServer.key(operation++);
        Side current = side;
        if (current.reused != null) {
            Workloads.preparedSelect(current.reused, PostgresServer.SELECT_BY_KEY, key, blackhole);
            return;
        }
        try (Connection borrowed = current.borrow()) {
            Workloads.preparedSelect(current.use(borrowed), PostgresServer.SELECT_BY_KEY, key, blackhole);
        }
    }

    /** Prepare, bind the key, executeUpdate of one row (autocommit), close. */
    @Benchmark
    public int updateByKey() throws SQLException {
        long key = PostgresServer.key(operation++);
        Side current = side;
        if (current.reused != null) {
            return Workloads.preparedUpdate(current.reused, PostgresServer.UPDATE_BY_KEY, key);
        }
        try (Connection borrowed = current.borrow()) {
            return Workloads.preparedUpdate(current.use(borrowed), PostgresServer.UPDATE_BY_KEY, key);
        }
    }

    /** Prepare, 100 x (3 binds + addBatch), executeBatch (autocommit), close: one operation is the whole batch. */
    @Benchmark
    public int[] batchInsert() throws SQLException {
        long firstKey = operation * Workloads.BATCH_SIZE;
        operation++;
        Side current = side;
        if (current.reused != null) {
            return Workloads.batchInsert(current.reused, PostgresServer.INSERT, firstKey);
        }
        try (Connection borrowed = current.borrow()) {
            return Workloads.batchInsert(current.use(borrowed), PostgresServer.INSERT, firstKey);
        }
    }
}
