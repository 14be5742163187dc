package io.querylens.driver.finding;

/**
 * Where detectors hand their findings. Implementations are thread-safe, never block the caller for long and never
 * throw: a detector runs on the application's thread and must not be able to hurt it.
 */
public interface FindingReporter {
    void report(Finding finding);
}
