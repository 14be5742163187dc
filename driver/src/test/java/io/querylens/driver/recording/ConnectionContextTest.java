package io.querylens.driver.recording;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionContextTest {
    private final ThreadLocal<Execution> perThread = ThreadLocal.withInitial(Execution::new);
    private final ConnectionContext connection =
            new ConnectionContext("jdbc:postgresql://localhost/shop", Dialect.POSTGRESQL, 1, null);

    @Test
    void aConnectionUsedByTwoThreadsHandsEachThreadItsOwnRecord() throws Exception {
        Execution first = connection.execution(perThread);
        AtomicReference<Execution> otherThreads = new AtomicReference<>();
        AtomicReference<Execution> otherThreadsOwn = new AtomicReference<>();
        Thread other = new Thread(() -> {
            otherThreads.set(connection.execution(perThread));
            otherThreadsOwn.set(perThread.get());
        });
        other.start();
        other.join();

        assertThat(first).isSameAs(perThread.get());
        assertThat(otherThreads.get()).isSameAs(otherThreadsOwn.get()).isNotSameAs(first);
        // The other thread used the connection last: this thread must get its own record back, not the other's.
        assertThat(connection.execution(perThread)).isSameAs(first);
    }

    @Test
    void aConnectionKeepsTheRecordOfItsThreadWithoutAskingTheThreadLocalAgain() {
        Execution first = connection.execution(perThread);
        perThread.remove(); // a lookup now would make a new record

        assertThat(connection.execution(perThread)).isSameAs(first);
    }
}
