package io.querylens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a contention fork's rotating phases are told apart and turned into one ratio per round. */
class ThreadScalingTest {

    /** Iterations in the order a fork runs them, each phase taking the time {@code perCore} gives it. */
    private static List<ThreadScaling.Iteration> fork(int cycles, ToDoubleFunction<Integer> perCore) {
        List<ThreadScaling.Iteration> iterations = new ArrayList<>();
        for (int index = 0; index < cycles * ContentionBench.Phase.CYCLE; index++) {
            iterations.add(new ThreadScaling.Iteration(perCore.applyAsDouble(index), 0));
        }
        return iterations;
    }

    /** Per core: raw solo 10, variant solo 110, variant shared 121, raw shared 11 (added 100 and 110: 1.10). */
    private static final double[] BY_PHASE = {10, 110, 121, 11};

    private static double byPhase(int index) {
        return BY_PHASE[ContentionBench.Phase.at(index).ordinal()];
    }

    @Test
    void aCycleRunsThePhasesForwardThenBackSoADriftLandsOnBothSides() {
        List<ContentionBench.Phase> phases = IntStream.range(0, 8).mapToObj(ContentionBench.Phase::at).toList();
        assertThat(phases).containsExactly(ContentionBench.Phase.RAW_SOLO, ContentionBench.Phase.VARIANT_SOLO,
                ContentionBench.Phase.VARIANT_SHARED, ContentionBench.Phase.RAW_SHARED,
                ContentionBench.Phase.RAW_SHARED, ContentionBench.Phase.VARIANT_SHARED,
                ContentionBench.Phase.VARIANT_SOLO, ContentionBench.Phase.RAW_SOLO);
        assertThat(ContentionBench.Phase.at(8)).isEqualTo(ContentionBench.Phase.RAW_SOLO);
    }

    @Test
    void eachCycleComparesAddedCostWithinItsForkSoAFastAndASlowForkGiveTheSameRatio() {
        // Fork 2 runs everything a third slower: added 100 -> 110 per core in both.
        List<ThreadScaling.Iteration> fast = fork(2, ThreadScalingTest::byPhase);
        List<ThreadScaling.Iteration> slow = fork(2, index -> byPhase(index) * 4 / 3);
        ThreadScaling.Scaling scaling = ThreadScaling.fromForks("querylens", 32, List.of(fast, slow));
        assertThat(scaling.cycles()).isEqualTo(4);
        assertThat(scaling.ratio()).isCloseTo(1.10, within(1e-9));
        assertThat(scaling.ratioLow()).isCloseTo(1.10, within(1e-9));
        assertThat(scaling.raw().soloNanosPerCore()).isCloseTo((10 + 40 / 3.0) / 2, within(1e-9));
        assertThat(scaling.addedSolo()).isCloseTo((100 + 400 / 3.0) / 2, within(1e-9));
    }

    @Test
    void aSteadyDriftOverTheForkCancelsWithinACycle() {
        // Everything slows by 1 ns per iteration; the variant's phases run later than raw's going forward and
        // earlier coming back, so the cycle's means keep added at 100 and 110.
        ThreadScaling.Scaling scaling = ThreadScaling.fromForks("querylens", 8,
                List.of(fork(1, index -> byPhase(index) + index)));
        assertThat(scaling.ratio()).isCloseTo(1.10, within(1e-9));
    }

    @Test
    void theMedianCycleDecidesAndAnIncompleteCycleIsLeftOut() {
        double[] sharedByCycle = {111, 131, 121};
        List<ThreadScaling.Iteration> iterations = fork(3, index -> ContentionBench.Phase.at(index)
                == ContentionBench.Phase.VARIANT_SHARED ? sharedByCycle[index / ContentionBench.Phase.CYCLE]
                : byPhase(index));
        iterations.add(new ThreadScaling.Iteration(1_000, 0)); // a fourth cycle cut short
        ThreadScaling.Scaling scaling = ThreadScaling.fromForks("querylens", 8, List.of(iterations));
        assertThat(scaling.cycles()).isEqualTo(3);
        assertThat(scaling.ratio()).isCloseTo(1.10, within(1e-9));
        assertThat(scaling.ratioLow()).isCloseTo(1.05, within(1e-9));
        assertThat(scaling.ratioHigh()).isCloseTo(1.15, within(1e-9));
    }

    @Test
    void noCompleteCycleGivesNoFigures() {
        assertThat(ThreadScaling.fromForks("querylens", 2, List.of(fork(0, index -> 1)))).isNull();
    }

    @Test
    void throughputUnitsConvertToNanoseconds() {
        assertThat(ThreadScaling.nanosPerUnit("ops/us")).isEqualTo(1e3);
        assertThat(ThreadScaling.nanosPerUnit("ops/s")).isEqualTo(1e9);
    }
}
