package io.querylens.bench;

import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a wrapper's cost on PostgreSQL goes: the client thread's own processor time per select, beside its wall time
 * and its context switches, for raw and one variant in alternating 200 ms blocks on one thread of one JVM.
 *
 * <p>Why it exists: {@link PostgresBench} gives throughput, and on 2 cores its pairs spread so widely (the middle half
 * of a case's pairs over ~10 points) that a 2% gap could be the wrapper's work, the server's backend waiting for a
 * processor, or the client sleeping longer in the socket read. Thread CPU time counts only the first; voluntary
 * context switches per select show whether the client waits more often. Its answer (2026-12-05): the gap is the
 * client's own processor time (~0.6 µs a select with everything on, ~0.5 µs with histograms only, where the warm stub
 * costs ~0.08 µs), with one voluntary switch per select on both sides.
 *
 * <p>Not part of the report: one JVM, no JMH forks; compare variants by running it once each, several times.
 * <pre>
 * java -Xms1g -Xmx1g -Dchronicle.analytics.disable=true -Dvariant=querylens \
 *     -cp bench/target/benchmarks.jar io.querylens.bench.ClientCpuProbe
 * </pre>
 * Properties: {@code variant} (any {@link WrapperVariant} name but the agent's; default {@code querylens}),
 * {@code rounds} (measured pairs of blocks, default 40), {@code blockMillis} (default 200), {@code verbose} (print
 * every round). PostgreSQL is embedded unless {@code querylens.bench.postgresUrl} names one.
 */
public final class ClientCpuProbe {
    private static final int WARM_UP_ROUNDS = 20;
    private static final int OPERATIONS_PER_CLOCK_CHECK = 50;
    private static final Path THREAD_STATUS = Path.of("/proc/thread-self/status");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Blackhole sink = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    private long nextKey;

    /** One block of selects on one connection: what it did and what it cost the client thread. */
    record Block(long operations, long wallNanos, long cpuNanos, long voluntarySwitches, long involuntarySwitches) {
        double wallPerOp() { return (double) wallNanos / operations; }
        double cpuPerOp() { return (double) cpuNanos / operations; }
        double voluntaryPerOp() { return (double) voluntarySwitches / operations; }
    }

    public static void main(String[] args) throws Exception {
        String variant = System.getProperty("variant", "querylens");
        int rounds = Integer.getInteger("rounds", 40);
        long blockMillis = Integer.getInteger("blockMillis", 200);
        if (variant.equals("agent")) {
            throw new IllegalArgumentException("variant=agent: the agent wraps raw too; run PostgresBench for it");
        }
        Database database = PostgresServer.database();
        ClientCpuProbe probe = new ClientCpuProbe();
        try (Connection raw = WrapperVariant.RAW.open(database);
             Connection measured = WrapperVariant.named(variant).open(database)) {
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                probe.block(raw, blockMillis);
                probe.block(measured, blockMillis);
            }
            double[] addedCpu = new double[rounds];
            double[] throughput = new double[rounds];
            double[] rawSwitches = new double[rounds];
            double[] variantSwitches = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean rawFirst = round % 2 == 0; // alternate the order so that a drift within a round cancels
                Block first = probe.block(rawFirst ? raw : measured, blockMillis);
                Block second = probe.block(rawFirst ? measured : raw, blockMillis);
                Block rawBlock = rawFirst ? first : second;
                Block variantBlock = rawFirst ? second : first;
                addedCpu[round] = variantBlock.cpuPerOp() - rawBlock.cpuPerOp();
                throughput[round] = rawBlock.wallPerOp() / variantBlock.wallPerOp();
                rawSwitches[round] = rawBlock.voluntaryPerOp();
                variantSwitches[round] = variantBlock.voluntaryPerOp();
                if (Boolean.getBoolean("verbose")) {
                    System.out.printf("round %d: raw %s | %s %s%n", round, describe(rawBlock), variant,
                            describe(variantBlock));
                }
            }
            System.out.printf("%s beside raw, %d pairs of %d ms blocks: client CPU added per select (µs) %s; "
                            + "throughput vs raw (%%) %s; voluntary context switches per select raw %.3f, %s %.3f%n",
                    variant, rounds, blockMillis, spread(addedCpu, 1e-3), spread(throughput, 100),
                    quantile(rawSwitches, 0.5), variant, quantile(variantSwitches, 0.5));
        }
        System.exit(0); // the embedded server's and the engine's threads
    }

    /** Selects by key on {@code connection} for {@code millis}, with the thread's CPU time and switches around them. */
    Block block(Connection connection, long millis) throws SQLException, IOException {
        long[] switchesBefore = contextSwitches();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        long operations = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < OPERATIONS_PER_CLOCK_CHECK; i++) {
                Workloads.preparedSelect(connection, PostgresServer.SELECT_BY_KEY, PostgresServer.key(nextKey++), sink);
            }
            operations += OPERATIONS_PER_CLOCK_CHECK;
        }
        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long[] switchesAfter = contextSwitches();
        return new Block(operations, wall, cpu, switchesAfter[0] - switchesBefore[0],
                switchesAfter[1] - switchesBefore[1]);
    }

    /** This thread's voluntary and involuntary context switches so far (Linux); zeros where /proc has none. */
    private static long[] contextSwitches() throws IOException {
        return Files.isReadable(THREAD_STATUS) ? contextSwitches(Files.readAllLines(THREAD_STATUS)) : new long[2];
    }

    /** Voluntary and involuntary context switches from the lines of a {@code /proc/.../status} file. */
    static long[] contextSwitches(List<String> statusLines) {
        long[] switches = new long[2];
        for (String line : statusLines) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                switches[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                switches[1] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return switches;
    }

    private static String describe(Block block) {
        return String.format("wall %.2f µs, cpu %.2f µs, switches %.3f / %.3f per select", block.wallPerOp() / 1e3,
                block.cpuPerOp() / 1e3, block.voluntaryPerOp(), (double) block.involuntarySwitches / block.operations);
    }

    /** Median and middle half of {@code values}, each times {@code scale}. */
    private static String spread(double[] values, double scale) {
        return String.format("%.3f (middle half %.3f..%.3f)", scale * quantile(values, 0.5),
                scale * quantile(values, 0.25), scale * quantile(values, 0.75));
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return PairedIterations.quantile(sorted, q);
    }
}
