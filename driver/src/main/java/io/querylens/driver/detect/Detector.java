package io.querylens.driver.detect;

import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.sql.SQLException;

/**
 * A detector watches executions and reports findings through the {@link io.querylens.driver.finding.FindingReporter}
 * it was built with; it does not know which sinks exist.
 *
 * <p>Threading contract: {@link #onExecution}, {@link #beforeDdl} and {@link #onTransactionEnd} run on the
 * application's thread, inside its statement call. They must be constant-time, allocation-free in steady state, take
 * no lock and do no I/O; anything slow goes to a background thread through a bounded queue (offer; drop and count
 * when full). Whatever they throw (except {@link #beforeDdl}'s deliberate {@link SQLException}) is caught by the
 * engine, reported once through {@code Faults}, and a detector that keeps failing is switched off.
 */
public interface Detector extends AutoCloseable {

    /** The detector's name in logs, metrics and the {@code querylens.detectors.disabled} key. */
    String name();

    /** After every execution of a kind this detector {@linkplain #watches watches}, successful or failed. */
    void onExecution(Execution execution);

    /**
     * Whether {@link #onExecution} wants executions of this kind; asked once per kind when the engine loads the
     * detector. The engine calls a detector only for the kinds it watches, so a detector that acts on DDL alone
     * costs a SELECT nothing, not even a call: with five detectors every execution otherwise paid five megamorphic
     * interface calls (bench/RESULTS.md). The default watches everything.
     */
    default boolean watches(StatementKind kind) {
        return true;
    }

    /**
     * Before a statement whose text holds DDL ({@link io.querylens.driver.sql.QueryShape#containsDdl()}) is sent.
     * Throwing an {@link SQLException} stops the statement: the application receives that exception and nothing is
     * sent. Only the DDL guard in block mode does this.
     */
    default void beforeDdl(Execution execution) throws SQLException {
    }

    /** After commit, rollback, or a change of autocommit that ends a transaction on this connection. */
    default void onTransactionEnd(ConnectionContext connection) {
    }

    /** The first time this JVM executes a shape (once per shape, on the executing thread: hand work off). */
    default void onNewShape(QueryShape shape, ConnectionContext connection) {
    }

    /**
     * As {@link #onNewShape(QueryShape, ConnectionContext)}, with the statement text as the application sent it the
     * first time (literals included). Only background analysis may look at that text, in memory: it shows what the
     * shape hides (a {@code LIKE '%x'} pattern, the constants a partial index needs, a literal of the wrong type) and
     * must never reach a log line or the event stream, nor a finding beyond what its fix must repeat (the constants
     * of an indexed expression). The engine calls this one; the default hands over
     * the shape alone.
     */
    default void onNewShape(QueryShape shape, String sentSql, ConnectionContext connection) {
        onNewShape(shape, connection);
    }

    /**
     * Waits until work this detector handed to its background thread is done, for at most {@code timeout}; true when
     * it is. For tests, demos and shutdown; never called on the statement path.
     */
    default boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        return true;
    }

    @Override
    default void close() {
    }
}
