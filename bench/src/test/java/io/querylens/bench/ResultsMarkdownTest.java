package io.querylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic: added cost, throughput share, per-core contention and the verdicts built on them. */
class ResultsMarkdownTest {

    private static final Machine TWO_CORES = new Machine(2, "test cpu", "test os", "17", "vendor", "vm");

    private static String render(List<Measurement> measurements) {
        return new ResultsMarkdown(measurements, Map.of(), TWO_CORES, "2026-01-01T00:00:00Z", "quick mode, 1 min",
                Map.of("stub", "settings"), OverheadReport.COMMAND, "at start 0 0 0, at end 0 0 0").render();
    }

    @Test
    void contentionComparesAddedCostPerCoreUsedWithOneThreadForQueryLensAndForTheClockControl() {
        ThreadScaling.Side raw = new ThreadScaling.Side(10, 11, 0, 0);
        ThreadScaling.Scaling ours = new ThreadScaling.Scaling("querylens", 32, raw,
                new ThreadScaling.Side(70, 77, 0, 0.25), 1.12, 1.05, 1.2, 24);
        ThreadScaling.Scaling control = new ThreadScaling.Scaling(ContentionBench.CLOCK_FLOOR, 32, raw,
                new ThreadScaling.Side(50, 55, 0, 0), 1.09, 1.0, 1.1, 24);
        String markdown = new ResultsMarkdown(List.of(), Map.of(), TWO_CORES, "2026-01-01T00:00:00Z",
                "quick mode, 1 min", Map.of(), OverheadReport.COMMAND, "at start 0 0 0, at end 0 0 0")
                .threadScaling(List.of(ours, control)).render();
        assertThat(markdown).contains(
                "| 32 | `querylens` | 10.0 | 11.0 | 70.0 | 77.0 | +60.0 | +66.0 | 1.12 (1.05–1.20, 24 cycles) | +0.3 |");
        assertThat(markdown).contains("| 32 | `rawTwoClockReads` | 10.0 | 11.0 | 50.0 | 55.0 | +40.0 | +44.0 |");
        // The verdict is the median of the cycles, not the ratio of the means (66 / 60 = 1.10 would pass).
        assertThat(markdown).contains("66.0 ns vs 60.0 ns: 1.12× (middle half 1.05–1.20, 24 cycles) "
                + "(the two clock reads alone: 1.09×) | **no** |");
    }

    @Test
    void coldCacheSelectGetsItsOwnTableAndCountsInTheComparisonWithTheAlternatives() {
        String markdown = render(List.of(
                new Measurement("stub", "preparedSelect", "raw", "", 1, 10, 1, 0),
                new Measurement("stub", "preparedSelect", "querylens", "", 1, 90, 1, 0),
                new Measurement("stub", "preparedSelect", "p6spy", "", 1, 300, 1, 800),
                new Measurement("cold", "preparedSelect", "raw", "", 1, 100, 5, 0),
                new Measurement("cold", "preparedSelect", "querylens", "", 1, 800, 50, 2),
                new Measurement("cold", "preparedSelect", "p6spy", "", 1, 700, 40, 800)));
        String cold = markdown.substring(markdown.indexOf("## Cold caches"));
        assertThat(cold).contains("| `querylens` | 800 ± 50.0 | 2.0 | +700 | +2.0 | 8.00 |");
        assertThat(markdown).contains("1 of 2 not: `querylens` vs `p6spy` on cold preparedSelect | **no** |");
        // The warm stub's headline is the stub's alone.
        assertThat(markdown).contains("| +80.0 ns, +0.0 B | yes |");
    }

    @Test
    void headlineFailsATargetItMissesAndNamesTheWorstPostgresCase() {
        String markdown = render(List.of(
                new Measurement("stub", "preparedSelect", "raw", "", 1, 10, 1, 0),
                new Measurement("stub", "preparedSelect", "querylens", "", 1, 150, 1, 112),
                new Measurement("postgres", "selectByKey", "raw", "reused", 1, 50_000, 1, 1000),
                new Measurement("postgres", "selectByKey", "querylens", "reused", 1, 50_500, 1, 1112),
                new Measurement("postgres", "updateByKey", "raw", "pool", 1, 40_000, 1, 600),
                new Measurement("postgres", "updateByKey", "querylens", "pool", 1, 42_000, 1, 700)));
        assertThat(markdown).contains("| +140 ns, +112 B | **no** |");
        assertThat(markdown).contains("| 95.2% (updateByKey, pool) | **no** |");
        assertThat(markdown).contains("| reused | `querylens` | 50,500 ± 1.0 | 1,112 | 50,000 | +500 | +112 | 99.0% |");
    }

    @Test
    void postgresRowsMeasuredBesideRawUseTheirOwnForksRawAndTheMedianOfThePairs() {
        // Raw's own forks ran slow (a placement that cost a third); the variant's forks ran raw at 30 us beside it.
        PairedIterations.Paired ours = new PairedIterations.Paired(30_300, 1112, 30_000, 1000, 0.991, 0.985, 0.995, 12);
        PairedIterations.Paired p6spy = new PairedIterations.Paired(30_500, 1800, 30_100, 1000, 0.987, 0.98, 0.99, 12);
        String markdown = render(List.of(
                new Measurement("postgres", "selectByKey", "raw", "reused", 1, 40_000, Double.NaN, 1000,
                        new PairedIterations.Paired(40_000, 1000, 40_010, 1000, 1.0, 0.99, 1.01, 12)),
                new Measurement("postgres", "selectByKey", "querylens", "reused", 1, 30_300, Double.NaN, 1112, ours),
                new Measurement("postgres", "selectByKey", "p6spy", "reused", 1, 30_500, Double.NaN, 1800, p6spy)));
        assertThat(markdown).contains(
                "| reused | `querylens` | 30,300 | 1,112 | 30,000 | +300 | +112 | 99.1% (98.5%–99.5%, 12 pairs) |");
        assertThat(markdown).contains("| 99.1% (selectByKey, reused) | yes |");
        assertThat(markdown).contains("all 1 comparisons");
    }

    @Test
    void aVariantWithTheSmallerShareOfRawIsTheMoreExpensiveEvenWhenItsForksRanFaster() {
        PairedIterations.Paired ours = new PairedIterations.Paired(40_400, 1112, 40_000, 1000, 0.990, 0.98, 0.99, 6);
        PairedIterations.Paired p6spy = new PairedIterations.Paired(30_500, 1800, 30_400, 1000, 0.997, 0.99, 1.0, 6);
        String markdown = render(List.of(
                new Measurement("postgres", "selectByKey", "querylens", "reused", 1, 40_400, Double.NaN, 1112, ours),
                new Measurement("postgres", "selectByKey", "p6spy", "reused", 1, 30_500, Double.NaN, 1800, p6spy)));
        assertThat(markdown).contains("1 of 1 not: `querylens` vs `p6spy` on postgres selectByKey (reused)");
    }

    @Test
    void aRunWithDetectorsSwitchedOffSaysSoWhereTheVariantsWouldSayEverythingOn() {
        List<Measurement> measurements = List.of(
                new Measurement("stub", "preparedSelect", "raw", "", 1, 10, 1, 0),
                new Measurement("stub", "preparedSelect", "querylens", "", 1, 90, 1, 0));
        String ablation = new ResultsMarkdown(measurements, Map.of(), TWO_CORES, "2026-01-01T00:00:00Z",
                "quick mode, 1 min", Map.of("stub", "settings"), OverheadReport.COMMAND, "at start 0 0 0, at end 0 0 0")
                .detectorsDisabled("nplusone").render();

        assertThat(render(measurements)).contains("driver with everything on (histograms")
                .doesNotContain("detectors.disabled");
        assertThat(ablation).contains("driver with everything on but what `-Dquerylens.detectors.disabled=nplusone` "
                        + "switched off (histograms")
                .contains("`agent` = the `-javaagent` jar, everything on but what")
                .doesNotContain("with everything on (histograms");
    }
}
