package io.querylens.driver.detect.nplusone;

import io.querylens.driver.sql.StatementKind;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * JVM-wide statement counts by kind, kept only while someone listens (a test's budget, a recorder): otherwise the
 * cost is one volatile read. {@link LongAdder}s because the executions come from every application thread.
 */
final class StatementTally {
    private final AtomicInteger listeners = new AtomicInteger();
    private final LongAdder selects = new LongAdder();
    private final LongAdder inserts = new LongAdder();
    private final LongAdder updates = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder others = new LongAdder();

    boolean active() {
        return listeners.get() > 0;
    }

    void start() {
        listeners.incrementAndGet();
    }

    void stop() {
        listeners.decrementAndGet();
    }

    void count(StatementKind kind) {
        switch (kind) {
            case SELECT -> selects.increment();
            case INSERT -> inserts.increment();
            case UPDATE -> updates.increment();
            case DELETE -> deletes.increment();
            default -> others.increment();
        }
    }

    StatementCounts snapshot() {
        return new StatementCounts(selects.sum(), inserts.sum(), updates.sum(), deletes.sum(), others.sum());
    }
}
