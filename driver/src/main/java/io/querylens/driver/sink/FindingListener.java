package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;

/**
 * Public hook for applications and tests that want findings as objects: called with each deduplicated finding (the
 * first time a problem is seen, and again when its counts grew), on QueryLens's background thread. An exception
 * thrown here is reported once in QueryLens's log and does not stop other listeners or sinks.
 */
@FunctionalInterface
public interface FindingListener {
    void onFinding(Finding finding);
}
