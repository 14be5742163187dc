package io.querylens.junit;

import io.querylens.QueryLens;
import io.querylens.driver.detect.nplusone.NPlusOneDetector;
import io.querylens.driver.detect.nplusone.StatementCounts;
import io.querylens.driver.detect.nplusone.UnitOfWork;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records what a piece of code did to the database: statements by kind and the N+1 / repeated-query findings it
 * caused, on the current thread (inside a unit of work this recording opens) and on any other thread (their windows
 * are flushed when the recording stops). {@code var recording = QueryRecording.start("checkout"); … ;
 * recording.stop();}. Counts are JVM-wide: statements other code runs meanwhile are included.
 *
 * <p>Start and stop on the same thread. Not reusable.
 */
public final class QueryRecording implements AutoCloseable {
    private final NPlusOneDetector detector;
    private final List<Finding> findings = new CopyOnWriteArrayList<>();
    private final Consumer<Finding> observer = findings::add;
    private final StatementCounts before;
    private final UnitOfWork unit;
    private StatementCounts counted;

    private QueryRecording(NPlusOneDetector detector, String name) {
        this.detector = detector;
        detector.addObserver(observer);
        detector.startCounting();
        this.before = detector.counts();
        this.unit = QueryLens.unitOfWork(name);
    }

    /** Starts recording; fails when QueryLens's N+1 detector is switched off ({@code querylens.detectors.disabled}). */
    public static QueryRecording start(String name) {
        NPlusOneDetector detector = NPlusOneDetector.of(QueryLens.engine());
        if (detector == null) {
            throw new IllegalStateException("QueryLens's N+1 detector is switched off (querylens.detectors.disabled),"
                    + " so statements cannot be recorded");
        }
        return new QueryRecording(detector, name);
    }

    /** Stops recording (idempotent): ends the unit of work, flushes other threads' windows, fixes the counts. */
    public QueryRecording stop() {
        if (counted == null) {
            try {
                unit.close();
                detector.flush();
                counted = detector.counts().minus(before);
            } finally {
                detector.stopCounting();
                detector.removeObserver(observer);
            }
        }
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    /** Statements executed while recording; only after {@link #stop()}. */
    public StatementCounts counts() {
        requireStopped();
        return counted;
    }

    public List<Finding> nPlusOnes() {
        requireStopped();
        return findings.stream().filter(f -> f.kind() == FindingKind.N_PLUS_ONE).toList();
    }

    public List<Finding> repeatedQueries() {
        requireStopped();
        return findings.stream().filter(f -> f.kind() == FindingKind.REPEATED_QUERY).toList();
    }

    private void requireStopped() {
        if (counted == null) {
            throw new IllegalStateException("stop() the recording first");
        }
    }
}
