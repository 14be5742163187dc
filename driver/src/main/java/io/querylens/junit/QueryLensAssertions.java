package io.querylens.junit;

import io.querylens.driver.finding.Finding;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

/**
 * Assertions for code that prefers them to annotations: {@code assertNoNPlusOne(() -> service.checkout(cart))},
 * {@code assertSelectCount(2, () -> repository.loadOrders())}. Each runs {@code body} inside a {@link QueryRecording};
 * what the body throws is rethrown unchanged.
 */
public final class QueryLensAssertions {
    private QueryLensAssertions() {
    }

    /** Fails when {@code body} caused an N+1; returns the recording for further checks. */
    public static QueryRecording assertNoNPlusOne(Executable body) throws Throwable {
        QueryRecording recording = record("assertNoNPlusOne", body);
        List<Finding> nPlusOnes = recording.nPlusOnes();
        if (!nPlusOnes.isEmpty()) {
            throw new AssertionError(FailureMessages.nPlusOne("the asserted block", nPlusOnes));
        }
        return recording;
    }

    /** Fails unless {@code body} executed exactly {@code expected} SELECT statements (on any thread). */
    public static QueryRecording assertSelectCount(long expected, Executable body) throws Throwable {
        QueryRecording recording = record("assertSelectCount", body);
        long actual = recording.counts().selects();
        if (actual != expected) {
            throw new AssertionError(FailureMessages.budget("the asserted block", "SELECT statements", "", expected,
                    actual));
        }
        return recording;
    }

    /** Fails when {@code body} executed more than {@code max} SELECT statements. */
    public static QueryRecording assertMaxSelects(long max, Executable body) throws Throwable {
        QueryRecording recording = record("assertMaxSelects", body);
        long actual = recording.counts().selects();
        if (actual > max) {
            throw new AssertionError(FailureMessages.budget("the asserted block", "SELECT statements", "at most ", max,
                    actual));
        }
        return recording;
    }

    /** Runs {@code body} and returns what it did, without asserting anything. */
    public static QueryRecording record(String name, Executable body) throws Throwable {
        QueryRecording recording = QueryRecording.start(name);
        try {
            body.execute();
        } finally {
            recording.stop();
        }
        return recording;
    }
}
