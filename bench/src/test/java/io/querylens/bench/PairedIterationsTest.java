package io.querylens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a fork's alternating iterations are told apart and turned into one variant's figures beside raw. */
class PairedIterationsTest {

    private static PairedIterations.Iteration took(double nanos, double bytes) {
        return new PairedIterations.Iteration(nanos, bytes);
    }

    @Test
    void pairsAlternateWhoGoesFirstSoADriftLandsOnBothSides() {
        List<Boolean> raw = IntStream.range(0, 8).mapToObj(PairedIterations::rawRunsAt).toList();
        assertThat(raw).containsExactly(true, false, false, true, true, false, false, true);
    }

    @Test
    void eachPairIsComparedWithinItsForkAndTheMedianShareIsReported() {
        // Fork 1 ran everything at ~30 us, fork 2 at ~40 us: the forks' averages would not compare, the pairs do.
        List<PairedIterations.Iteration> fast = List.of(took(30_000, 1000), took(30_300, 1100),
                took(30_600, 1100), took(30_000, 1000));
        List<PairedIterations.Iteration> slow = List.of(took(40_000, 1000), took(40_400, 1100),
                took(40_000, 1100), took(40_000, 1000));
        PairedIterations.Paired paired = PairedIterations.fromForks(List.of(fast, slow));
        assertThat(paired.pairs()).isEqualTo(4);
        // Shares: 30000/30300, 30000/30600, 40000/40400, 40000/40000.
        assertThat(paired.throughputShare()).isCloseTo((30_000 / 30_300.0 + 40_000 / 40_400.0) / 2, within(1e-9));
        assertThat(paired.shareLow()).isLessThan(paired.throughputShare());
        assertThat(paired.shareHigh()).isGreaterThan(paired.throughputShare());
        assertThat(paired.rawNanosPerOp()).isEqualTo(35_000);
        assertThat(paired.nanosPerOp()).isEqualTo((30_300 + 30_600 + 40_400 + 40_000) / 4.0);
        assertThat(paired.bytesPerOp()).isEqualTo(1100);
        assertThat(paired.rawBytesPerOp()).isEqualTo(1000);
    }

    @Test
    void anIterationWithoutItsPartnerIsLeftOutAndNoPairMeansNoFigures() {
        PairedIterations.Paired paired = PairedIterations.fromForks(List.of(List.of(took(30_000, 0), took(33_000, 0),
                took(99_000, 0))));
        assertThat(paired.pairs()).isEqualTo(1);
        assertThat(paired.throughputShare()).isCloseTo(30_000 / 33_000.0, within(1e-9));
        assertThat(PairedIterations.fromForks(List.of(List.of(took(30_000, 0))))).isNull();
    }
}
