package io.querylens.driver.detect.nplusone;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-path claim, checked by counting bytes, not time: once a thread's window exists, executions and transaction
 * ends below the threshold allocate nothing on the application thread.
 */
class SteadyStateAllocationTest {

    @Test
    void executionsBelowTheThresholdAllocateNothing() {
        NPlusOneDetector detector = Lens.fresh(Map.of(ConfigKey.NPLUSONE_THRESHOLD, 1000));
        ConnectionContext connection = new ConnectionContext("jdbc:postgresql://localhost/shop", Dialect.POSTGRESQL,
                1, null);
        connection.autoCommit(false);
        QueryShape parent = new QueryShape(10, "select id from orders where customer = ?", StatementKind.SELECT, null);
        QueryShape lookup = new QueryShape(11, "select name from users where id = ?", StatementKind.SELECT, null);
        Execution execution = new Execution();

        transactions(detector, connection, parent, lookup, execution, 2_000); // warm up: window, cursor, JIT
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        transactions(detector, connection, parent, lookup, execution, 2_000);
        long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;

        // 2,000 transactions x 21 executions; a single allocation per execution would be > 600 KB.
        assertThat(allocatedBytes).isLessThan(1_024);

        // The same path does count: one transaction with 1,000 lookups is reported.
        execution.fill(parent, null, connection, 0, 1, 1, 0, null);
        detector.onExecution(execution);
        for (int i = 0; i < 1_000; i++) {
            execution.fill(lookup, null, connection, 0, 1, i + 1, 0, null);
            detector.onExecution(execution);
        }
        connection.transactionEnded();
        detector.onTransactionEnd(connection);
        assertThat(Lens.reported(io.querylens.driver.finding.FindingKind.N_PLUS_ONE)).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(1_000));
    }

    private static void transactions(NPlusOneDetector detector, ConnectionContext connection, QueryShape parent,
                                     QueryShape lookup, Execution execution, int count) {
        for (int t = 0; t < count; t++) {
            execution.fill(parent, null, connection, 0, 1, t, 0, null);
            detector.onExecution(execution);
            for (int i = 0; i < 20; i++) {
                execution.fill(lookup, null, connection, 0, 1, i + 1, 0, null);
                detector.onExecution(execution);
            }
            connection.transactionEnded();
            detector.onTransactionEnd(connection);
        }
    }
}
