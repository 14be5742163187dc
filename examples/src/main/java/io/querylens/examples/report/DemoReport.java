package io.querylens.examples.report;

import io.querylens.driver.finding.Finding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything the console, JSON Lines and HTML reports show: findings, and latency per query shape, busiest first. */
public record DemoReport(Instant generatedAt, List<Finding> findings, List<ShapeLatency> shapes) {
    public DemoReport {
        findings = List.copyOf(findings);
        shapes = List.copyOf(shapes);
    }

    /** The shape a finding is about, when the report has its latency. */
    public Optional<ShapeLatency> shape(String fingerprint) {
        if (fingerprint == null) {
            return Optional.empty();
        }
        return shapes.stream().filter(shape -> fingerprint.equals(shape.fingerprint())).findFirst();
    }
}
