package io.querylens.driver.detect;

import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ShapeRegistry;

/** What a detector is built with: the configuration, where findings go, where its faults go, and the shapes. */
public record DetectorContext(QueryLensConfig config, FindingReporter findings, Faults faults, ShapeRegistry shapes) {
}
