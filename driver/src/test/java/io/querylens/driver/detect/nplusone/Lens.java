package io.querylens.driver.detect.nplusone;

import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Installs a fresh QueryLens engine for a test and reads back the N+1 detector's findings. */
final class Lens {
    private Lens() {
    }

    /** Threshold 5; an idle window long enough that only commits, units and {@link #flush()} end units. */
    static NPlusOneDetector fresh() {
        return fresh(Map.of());
    }

    static NPlusOneDetector fresh(Map<ConfigKey, Object> overrides) {
        QueryLensConfig.Builder config = QueryLensConfig.builder()
                .set(ConfigKey.NPLUSONE_THRESHOLD, 5)
                .set(ConfigKey.NPLUSONE_IDLE_MILLIS, 600_000);
        overrides.forEach(config::set);
        return NPlusOneDetector.of(QueryLens.configure(config.build()));
    }

    /**
     * Every finding {@code detector} reports from now on, one entry per report: {@code QueryLens.findings()} merges
     * reports of one problem (same kind, fingerprint and call site), which tests of unit boundaries must see apart.
     */
    static List<Finding> everyReport(NPlusOneDetector detector) {
        List<Finding> reports = new CopyOnWriteArrayList<>();
        detector.addObserver(reports::add);
        return reports;
    }

    /** Ends every open implicit window, then returns the findings of {@code kind} reported so far. */
    static List<Finding> findings(FindingKind kind) {
        NPlusOneDetector.of(QueryLens.engine()).flush();
        return QueryLens.findings().stream().filter(f -> f.kind() == kind).toList();
    }
}
