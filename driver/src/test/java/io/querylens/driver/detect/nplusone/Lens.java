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
    /**
     * What the current detector reported, one entry per report, received synchronously. Tests read this rather than
     * {@code QueryLens.findings()}, whose background deduplication may not have merged the latest report yet.
     */
    private static volatile List<Finding> reports = new CopyOnWriteArrayList<>();

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
        NPlusOneDetector detector = NPlusOneDetector.of(QueryLens.configure(config.build()));
        // A list per detector: an earlier test's detector may still report (its sweeper ends the windows of that
        // test's finished threads), and must not land in this test's list.
        List<Finding> mine = new CopyOnWriteArrayList<>();
        reports = mine;
        detector.addObserver(mine::add);
        return detector;
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

    /** Ends every open implicit window, then returns the findings of {@code kind} reported since {@link #fresh}. */
    static List<Finding> findings(FindingKind kind) {
        NPlusOneDetector.of(QueryLens.engine()).flush();
        return reported(kind);
    }

    /** The findings of {@code kind} reported since {@link #fresh}, without ending any window. */
    static List<Finding> reported(FindingKind kind) {
        return reports.stream().filter(f -> f.kind() == kind).toList();
    }
}
