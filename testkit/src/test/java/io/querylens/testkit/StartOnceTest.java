package io.querylens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartOnceTest {

    @Test
    void concurrentCallersShareOneStart() throws InterruptedException {
        AtomicInteger starts = new AtomicInteger();
        StartOnce<Object> server = new StartOnce<>("server", () -> {
            starts.incrementAndGet();
            return new Object();
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    seen.add(server.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(starts).hasValue(1);
        assertThat(seen).hasSize(8).allSatisfy(value -> assertThat(value).isSameAs(seen.get(0)));
    }

    @Test
    void aFailedStartIsReportedToEveryCallerWithoutRetrying() {
        AtomicInteger starts = new AtomicInteger();
        StartOnce<Object> server = new StartOnce<>("broken server", () -> {
            starts.incrementAndGet();
            throw new java.io.IOException("port in use");
        });
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(server::get)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not start broken server: port in use")
                    .hasRootCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(starts).hasValue(1);
    }
}
