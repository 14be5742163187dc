package io.querylens.examples.demo;

import io.querylens.driver.finding.Finding;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Waits until the collector's findings stop changing: the shop streams every second, but some findings come from
 * background analysis (EXPLAIN, catalog reads) that ends a little later. Settled means the same set of problems
 * (kind, shape, call site; counts may still grow) for {@value #QUIET_SECONDS} s, with at least one finding and one
 * query shape received. After {@value #TIMEOUT_SECONDS} s the demo goes on with what it has.
 */
final class FindingsSettle {
    static final long QUIET_SECONDS = 8;
    static final long TIMEOUT_SECONDS = 120;

    private final CollectorApi collector;

    FindingsSettle(CollectorApi collector) {
        this.collector = collector;
    }

    void await() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Set<String> previous = Set.of();
        long unchangedSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Set<String> problems = problems();
            if (!problems.equals(previous)) {
                previous = problems;
                unchangedSince = System.nanoTime();
            } else if (!problems.isEmpty() && hasQueries()
                    && System.nanoTime() - unchangedSince >= TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
                return;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private Set<String> problems() throws InterruptedException {
        try {
            return collector.findings().stream()
                    .map(FindingsSettle::problem)
                    .collect(Collectors.toSet());
        } catch (IOException notYet) {
            return Set.of();
        }
    }

    private boolean hasQueries() throws InterruptedException {
        try {
            return !collector.queries().isEmpty();
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String problem(Finding finding) {
        return finding.kind().wireName() + " " + finding.fingerprint() + " " + finding.callSite();
    }
}
