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
 * The same JDBC layers end to end on a real PostgreSQL 17 ({@link PostgresServer}): select by primary key on a
 * 100k-row table, single-row update by primary key, batch insert of 100, each on one reused connection
 * ({@code connection=reused}) and borrowed from a HikariCP pool per operation ({@code connection=pool}). Here the
 * wrappers compete with a network round trip and the server's work, so the question is the share of throughput they
 * cost (QueryLens's target: at least 98% of raw).
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
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
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

    private Database database;
    private Connection reused;
    private WrapperVariant.Pool pool;
    private long operation;

    @Setup(Level.Trial)
    public void connect() throws SQLException {
        WrapperVariant wrapper = WrapperVariant.named(variant);
        database = PostgresServer.database();
        switch (connection) {
            case "reused" -> reused = wrapper.open(database);
            case "pool" -> pool = wrapper.openPool(database);
            default -> throw new IllegalArgumentException("connection must be reused or pool, not " + connection);
        }
    }

    @Setup(Level.Iteration)
    public void emptyInsertTable() throws SQLException {
        PostgresServer.emptyInsertTable(database);
    }

    @TearDown(Level.Trial)
    public void disconnect() throws SQLException {
        if (reused != null) {
            reused.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** Prepare, bind the key, execute, read the row's 3 columns, close (and give the connection back). */
    @Benchmark
    public void selectByKey(Blackhole blackhole) throws SQLException {
        long key = PostgresServer.key(operation++);
        if (reused != null) {
            Workloads.preparedSelect(reused, PostgresServer.SELECT_BY_KEY, key, blackhole);
            return;
        }
        try (Connection borrowed = pool.dataSource().getConnection()) {
            Workloads.preparedSelect(borrowed, PostgresServer.SELECT_BY_KEY, key, blackhole);
        }
    }

    /** Prepare, bind the key, executeUpdate of one row (autocommit), close. */
    @Benchmark
    public int updateByKey() throws SQLException {
        long key = PostgresServer.key(operation++);
        if (reused != null) {
            return Workloads.preparedUpdate(reused, PostgresServer.UPDATE_BY_KEY, key);
        }
        try (Connection borrowed = pool.dataSource().getConnection()) {
            return Workloads.preparedUpdate(borrowed, PostgresServer.UPDATE_BY_KEY, key);
        }
    }

    /** Prepare, 100 x (3 binds + addBatch), executeBatch (autocommit), close: one operation is the whole batch. */
    @Benchmark
    public int[] batchInsert() throws SQLException {
        long firstKey = operation * Workloads.BATCH_SIZE;
        operation++;
        if (reused != null) {
            return Workloads.batchInsert(reused, PostgresServer.INSERT, firstKey);
        }
        try (Connection borrowed = pool.dataSource().getConnection()) {
            return Workloads.batchInsert(borrowed, PostgresServer.INSERT, firstKey);
        }
    }
}
