package io.querylens.driver.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue from many application threads to one background thread, whose {@link #offer} takes no lock.
 * {@link java.util.concurrent.ArrayBlockingQueue} holds a lock for each offer, and under a load test (200 threads on
 * two cores) its holder was preempted often enough that application threads parked for milliseconds in it (seen in
 * a JFR recording, see LoadTest). Here an offer is one CAS on the size, one on the list and, when the consumer
 * sleeps, an unpark.
 *
 * <p>Threading contract: {@link #offer} from any thread, never blocks; {@link #poll()} from any thread;
 * {@link #poll(long, TimeUnit)} (the waiting one) from one consumer thread at a time.
 */
public final class HandOffQueue<T> {
    private final int capacity;
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile Thread waiting;

    public HandOffQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Adds {@code item} unless the queue is full; returns whether it was added. */
    public boolean offer(T item) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        items.offer(item);
        Thread consumer = waiting;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** The oldest item, or null when empty. */
    public T poll() {
        T item = items.poll();
        if (item != null) {
            size.decrementAndGet();
        }
        return item;
    }

    /** The oldest item, waiting up to {@code timeout} for one; null on timeout. Throws when interrupted. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        waiting = Thread.currentThread();
        try {
            while (true) {
                T item = poll();
                if (item != null) {
                    return item;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                // An offer between the poll above and this park leaves a permit, so the park returns at once.
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiting = null;
        }
    }
}
