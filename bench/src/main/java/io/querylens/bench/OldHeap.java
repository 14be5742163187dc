package io.querylens.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Before every iteration, a full collection moves every live object into the old generation, as a long-running
 * application's connections, statements and per-thread state are. A benchmark method that takes this state measures
 * on the same heap whatever its thread count and whatever its variant allocates.
 *
 * <p>Why: in an old object, a reference store that points into another region costs G1 a StoreLoad fence in its write
 * barrier (young objects skip it). Without this collection the heap's state depended on the run: QueryLens and raw
 * allocate nothing per statement, so their short 1- and 2-thread runs never collected and their objects stayed young,
 * while the 32-thread run's long warm-up collected every ~10 s, and p6spy, datasource-proxy and OpenTelemetry, which
 * allocate, collected all the time. The stub driver's own {@code sql} store in {@code prepareStatement} is such a
 * store: on one thread with {@code -XX:+AlwaysTenure} raw measured 8.6 vs 4.3 ns per select and QueryLens 98.0 vs
 * 90.5, and at 32 threads async-profiler put 9.8 ns per select per core in that method's own code against 0.0 with a
 * young generation too large to fill ({@code -Xmn900m}, 1,709 and 1,980 vs 2,266-2,445 ns per select per thread with
 * G1's defaults, single forks). The 32-thread figure had been compared with a 1-thread figure measured on another
 * heap.
 *
 * <p>The collection runs outside the measured time; JMH runs a benchmark-scoped iteration setup once, on one thread,
 * while the others wait.
 */
@State(Scope.Benchmark)
public class OldHeap {
    @Setup(Level.Iteration)
    public void collectBeforeEachIteration() {
        System.gc();
    }
}
