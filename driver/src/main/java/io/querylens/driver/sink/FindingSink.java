package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;

/**
 * Receives findings after deduplication: the first time a problem is seen, and again when its counts grew (at most
 * once per {@code querylens.findings.updateSeconds}, and at shutdown). Called from QueryLens's background thread,
 * never the application's; implementations may do I/O but should not hold it up for long.
 */
public interface FindingSink extends AutoCloseable {
    void accept(Finding finding);

    @Override
    default void close() {
    }
}
