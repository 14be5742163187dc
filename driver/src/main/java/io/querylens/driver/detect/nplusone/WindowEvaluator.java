package io.querylens.driver.detect.nplusone;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.QueryShape;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns an ended window into findings: every (shape, call site) counted at least {@code threshold} times becomes an
 * {@code n_plus_one} (different binds after a different parent statement) or a {@code repeated_query} (the same
 * binds every time), unless it is accepted, in which case it is counted as suppressed.
 *
 * <p>Runs on whichever thread ended the window (the owner at its next statement or commit, the sweeper, a closing
 * {@link UnitOfWork}); windows are evaluated by one thread at a time (see {@link CountingWindow}). Allocates only for
 * what it reports. Thread-safe.
 */
final class WindowEvaluator {
    private final int threshold;
    private final FindingReporter reporter;
    private final List<String> allowedShapes;
    private final List<String> allowedCallSitePrefixes;
    private final List<Consumer<Finding>> observers = new CopyOnWriteArrayList<>();
    private final AtomicLong suppressedNPlusOne = new AtomicLong();
    private final AtomicLong suppressedRepeated = new AtomicLong();

    WindowEvaluator(int threshold, FindingReporter reporter, List<String> allowedShapes,
                    List<String> allowedCallSitePrefixes) {
        this.threshold = threshold;
        this.reporter = reporter;
        this.allowedShapes = allowedShapes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        this.allowedCallSitePrefixes = List.copyOf(allowedCallSitePrefixes);
    }

    void addObserver(Consumer<Finding> observer) {
        observers.add(observer);
    }

    void removeObserver(Consumer<Finding> observer) {
        observers.remove(observer);
    }

    long suppressed(FindingKind kind) {
        return kind == FindingKind.N_PLUS_ONE ? suppressedNPlusOne.get()
                : kind == FindingKind.REPEATED_QUERY ? suppressedRepeated.get() : 0;
    }

    void evaluate(CountingWindow window, String dataSource) {
        ShapeCounter counter = window.counter;
        if (!counter.hasEntries()) {
            return;
        }
        for (int slot = 0; slot < counter.capacity(); slot++) {
            if (!counter.ready(slot)) {
                continue;
            }
            int count = counter.count(slot);
            int flags = counter.flags(slot);
            String callSite = counter.callSite(slot);
            if (count < threshold || (flags & ShapeCounter.PAGED) != 0 || callSite == null) {
                continue;
            }
            boolean differentBinds = (flags & (ShapeCounter.DISTINCT_BINDS | ShapeCounter.UNKNOWN_BINDS)) != 0;
            QueryShape parent = counter.parent(slot);
            FindingKind kind;
            if (differentBinds) {
                if (parent == null) {
                    continue; // no "1": a lookup loop over values the code already had, not an N+1 by definition
                }
                kind = FindingKind.N_PLUS_ONE;
            } else {
                kind = FindingKind.REPEATED_QUERY;
            }
            QueryShape shape = counter.shape(slot);
            if (accepted(kind, shape, callSite, flags)) {
                (kind == FindingKind.N_PLUS_ONE ? suppressedNPlusOne : suppressedRepeated).incrementAndGet();
                continue;
            }
            publish(build(kind, shape, parent, count, callSite, flags, window, dataSource));
        }
    }

    private boolean accepted(FindingKind kind, QueryShape shape, String callSite, int flags) {
        if ((flags & ShapeCounter.ALLOWED_IN_SCOPE) != 0 || shape.allows(kind.wireName())
                || allowedShapes.contains(shape.hexId())) {
            return true;
        }
        for (String prefix : allowedCallSitePrefixes) {
            if (callSite.startsWith(prefix)) {
                return true;
            }
        }
        return Allowance.allowedByRule(kind, shape.hexId(), callSite);
    }

    private Finding build(FindingKind kind, QueryShape shape, QueryShape parent, int count, String callSite,
                          int flags, CountingWindow window, String dataSource) {
        boolean hibernate = (flags & ShapeCounter.HIBERNATE) != 0;
        String table = ShapeText.repeatedTable(shape.text());
        List<String> columns = ShapeText.repeatedColumns(shape.text());
        Instant now = Instant.now();
        Finding.Builder finding = Finding.builder(kind,
                        kind == FindingKind.N_PLUS_ONE ? Severity.WARNING : Severity.INFO)
                .fingerprint(shape.hexId())
                .sql(shape.text())
                .count(count)
                .table(table)
                .columns(columns)
                .callSite(callSite)
                .dataSource(dataSource)
                .firstSeen(now)
                .detail("unitOfWork", window.kind().description + ": " + window.label())
                .detail("threshold", (long) threshold)
                .detail("orm", hibernate ? "hibernate" : "jdbc");
        if (kind == FindingKind.N_PLUS_ONE) {
            finding.reason(count + " executions of the same query with different parameters, one per row of the"
                            + " preceding query, in one " + window.kind().description)
                    .suggestion(Suggestions.forNPlusOne(hibernate, table, columns))
                    .detail("parentFingerprint", parent.hexId())
                    .detail("parentSql", parent.text());
        } else {
            finding.reason(count + " executions of the same query with the same parameters in one "
                            + window.kind().description)
                    .suggestion(Suggestions.forRepeatedQuery(hibernate));
        }
        return finding.build();
    }

    private void publish(Finding finding) {
        reporter.report(finding);
        for (Consumer<Finding> observer : observers) {
            observer.accept(finding);
        }
    }
}
